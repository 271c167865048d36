// Found by ./escape fuzz --seeds=1 --start=1080581 (while dead pending objects were being made droppable), then reduced:
//   m1080581 [ESCAPE]: compilation threw jdk.graal.compiler.core.common.PermanentBailoutException: escape analysis
//   could not finish its changes: escape analysis left an inconsistent graph: virtual object 567|VirtualInstance(-1)
//   Fuzz$P used by 177|ValuePhi(567 598, a java.lang.Object)
// Cause (fixed before it landed): o10, a nullable object pending past the inner merge of its if-else chain, reached
// the outer merge, whose phi takes the inner phi; liveness looked for uses from the outer merge on and missed that
// phi, a use at the very point of the merge, so the object was dropped and the outer phi kept a virtual input.
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
    static long m1080581(int a, int b, int c) {
        P o8 = (((a & 128) == 0) ? ((P) null) : new P());
        for (int i9 = 0; i9 < (new Q(b).x & 7); i9++) {
            o8 = new P(i9 + o8.i, o8);
            {
                P o10;
                if (c == 0) {
                    o10 = ((P) null);
                } else if ((c & 3) == 3) {
                    o10 = ((P) null);
                } else if (c == 3) {
                    o10 = new P(c, ((P) null), ((Object) null));
                } else {
                    o10 = ((P) null);
                }
            }
        }
        return (0L * 31 + hashOf(o8));
    }
}
