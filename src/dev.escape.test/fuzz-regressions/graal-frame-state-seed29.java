// Found by ./escape fuzz (seed 29), reduced by its shrinker, then by hand. Graal's own partial
// escape analysis cannot compile m29 in library mode (no profiles): GraalGraphError "Invalid frame
// state FrameState@-4[AFTER_EXCEPTION_BCI]" at the new_instance_or_null call that materializes the
// E thrown by the inlined thrower(b) and escaping through the method's unwind. Without escape
// analysis (Slot.NONE) it compiles; without the leak(new int[] {...}) before the loop it compiles;
// in JIT mode (real profiles, or -Xcomp) Graal compiles the method. About 0.8% of generated methods
// hit this. Kept so that the escape slot is checked on it: same results, or the same failure.
final class Fuzz {
    static Object sink;
    static long counter;
    static Fn fn = new F1();
    static void reset() {
        sink = null;
        counter = 0;
        fn = new F1();
    }
    static final class E extends RuntimeException {
        final int code;
        E(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
    interface Fn {
        int apply(Object o);
    }
    static final class F1 implements Fn {
        public int apply(Object o) {
            return 3;
        }
    }
    static void leak(Object o) {
        sink = o;
    }
    static int thrower(int k) {
        if (k < 0) {
            throw new E(k);
        }
        return k + 1;
    }
    static long m29(int a, int b, int c) {
        long h = 84L;
        leak(new int[] {0, 0});
        for (int i2 = 0; i2 < (thrower(b) & 7); i2++) {
        }
        return h;
    }
}
