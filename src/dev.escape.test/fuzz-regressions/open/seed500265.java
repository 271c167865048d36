// Found by ./escape fuzz --seeds=1 --start=500265 (campaign 500000-519999): a VM crash, SIGSEGV in
// the compiled m500265 (a load at [mark word + 0x86] with the mark word 0x1, unlocked: apparently
// the monitor-exit path taking an unlocked object for an inflated one).
// A crash ends the fuzzer's JVM, so it was not shrunk by the fuzzer; reduced by hand from the
// generated method to this one.
// Not a fault of escape's analysis: Graal's own phase crashes the same way. With the inputs of the
// pool, compiling and running the method twice crashes in the second compiled code for the slot
// pairs NONE then GRAAL, GRAAL then GRAAL, ESCAPE then ESCAPE, GRAAL then ESCAPE, ESCAPE then GRAAL;
// GRAAL or ESCAPE alone, NONE then NONE, GRAAL then NONE, ESCAPE then NONE pass: the second code
// comes from a phase that virtualizes the locks, and other compiled code ran before it. It needs
// the recursive lock on the new object, the loop and the call that may throw inside both locks
// (the same loop without thrower(a) passes, and so do the two locks around thrower(a) without the
// loop). A guess, not checked: the first code
// deoptimizes where thrower(a) throws (a < 0), so the second compilation compiles the exception
// path out of the two eliminated (recursive) locks, and that path exits a monitor never entered
// for real. Kept in open/ (FuzzRegressionTest does not run it: it would crash the test JVM).
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
        P(int i, P n, Object o) {
            this(i, n);
            init(o);
        }
        void init(Object o) {
            this.o = o;
            l = i * 3L;
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
    static final class F2 implements Fn {
        public int apply(Object o) {
            sink = o;
            return 11;
        }
    }
    static final Fn F2_LOADED = new F2();
    static boolean same(Object x, Object y) {
        if (x instanceof Integer i && y instanceof Integer j && (i < -128 || i > 127)) {
            return i.equals(j);
        }
        return x == y;
    }
    static int geti(P p) {
        return p == null ? -1 : p.i;
    }
    static P wrap(P p, int k) {
        P w = new P(k, p);
        w.o = p;
        return w;
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
    static long m500265(int a, int b, int c) {
        P o0 = new P();
        for (int i1 = 0; i1 < (b & 7); i1++) {
            synchronized (o0) {
                synchronized (o0) {
                    thrower(a);
                    o0 = new P(i1, o0);
                }
                sink = o0;
            }
        }
        return 0L;
    }
}
