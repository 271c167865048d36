// Found by ./escape fuzz (seed 29), reduced by its shrinker. Graal's own partial escape analysis
// cannot compile m29 in library mode (no profiles): GraalGraphError "Invalid frame state
// FrameState@-4[AFTER_EXCEPTION_BCI]" at the new_instance_or_null call that materializes the E
// thrown by the inlined thrower(b) and escaping through the method's unwind. With no escape
// analysis (Slot.NONE) it compiles; in JIT mode (real profiles, or -Xcomp) Graal compiles it.
// Kept so the escape slot is checked on it: it must compute the same, or fail like Graal's phase.
final class Fuzz {
    static Object sink;
    static long counter;
    static Fn fn = new F1();
    static void reset() {
        sink = null;
        counter = 0;
        fn = new F1();
    }
    static class Base {
        long l;
    }
    static final class P extends Base {
        int i;
        Object o;
        P n;
        P() {
        }
        P(int i, P n) {
            this.i = i;
            this.n = n;
        }
    }
    static final class Q extends Base {
        int x;
        final int y;
        Q(int x) {
            this.x = x;
            this.y = x * 3;
        }
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
            return o instanceof P p ? p.i + 1 : o == null ? 7 : 3;
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
    static long sum(P p) {
        long s = 0;
        for (int d = 0; p != null && d < 6; d++) {
            s = s * 31 + p.i + p.l;
            p = p.n;
        }
        return s;
    }
    static long hashOf(Object o) {
        if (o instanceof P p) {
            return sum(p) * 7 + (p.o == null ? 1 : 2);
        }
        if (o instanceof Q q) {
            return q.x * 31L + q.y + q.l;
        }
        if (o instanceof Integer v) {
            return v;
        }
        if (o instanceof int[] xs) {
            long s = xs.length;
            for (int x : xs) {
                s = s * 31 + x;
            }
            return s;
        }
        if (o instanceof long[] ls) {
            return ls.length == 0 ? 5 : ls[0] ^ ls.length;
        }
        if (o instanceof Object[] os) {
            return os.length * 13L + (os.length > 0 && os[0] != null ? 1 : 0);
        }
        return o == null ? 17 : 19;
    }
    static long m29(int a, int b, int c) {
        long h = 84L;
        leak(new int[] {0, 0});
        P o1 = ((P) null);
        for (int i2 = 0; i2 < (thrower(b) & 7); i2++) {
        }
        return h * 31 + hashOf(((P) null)) * 31 + hashOf(((Object) null));
    }
}
