// Found by ./escape fuzz --seeds=6000 --start=1120000 (batch 1122525..1122549): a VM crash, SIGSEGV
// in the compiled m1122544. It crashes compiled with Graal's own phase alone (--slots=GRAAL) and
// passes with escape's (--slots=ESCAPE): like seed500265, an object locked twice (recursively) in a
// loop, here with returns inside both locks. Not reduced (a crash ends the fuzzer's JVM).
final class Fuzz {
    static Object sink;
    static long counter;
    static Fn fn = new F1();
    static final P ZERO = new P();
    static void reset() {
        sink = null;
        counter = 0;
        fn = new F1();
        ZERO.i = 0;
        ZERO.o = null;
        ZERO.n = null;
        ZERO.l = 0;
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
    static long m1122544(int a, int b, int c) {
        long h = 219L;
        {
            P o0 = switch (b & 7) {
                case 0 -> ZERO;
                case 1 -> new P();
                case 2 -> new P();
                default -> ((P) null);
            };
            if (o0 != null) {
                h = h * 31 + o0.i + o0.l;
            }
            h += fn.apply(o0);
            o0.o = o0;
            h = h * 31 + (o0 == null ? -1 : o0.i);
        }
        P o1 = wrap(new P(c, new P()), (int) (long) c);
        for (int i2 = 0; i2 < (c & 7); i2++) {
            if ((c == -1)) {
                return h + h;
            }
            synchronized (o1) {
                synchronized (o1) {
                    new Q(-129).x = (Integer.valueOf(a).intValue() ^ 2);
                    if ((o1.i == (int) (long) 2)) {
                        return h + -10L;
                    }
                }
            }
        }
        synchronized ((((c & 7) == -129) ? o1 : o1)) {
            if ((b == -1)) {
                jdk.graal.compiler.api.directives.GraalDirectives.deoptimizeAndInvalidate();
            }
        }
        return (h * 31 + hashOf(o1));
    }
}
