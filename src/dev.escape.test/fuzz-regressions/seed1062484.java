// Found by ./escape fuzz --seeds=5000 --start=1061000 (batch 1062475..1062499), then reduced:
//   m1062484 [ESCAPE]: compilation threw jdk.graal.compiler.core.common.PermanentBailoutException: escape analysis
//   could not finish its changes: escape analysis left an inconsistent graph: 861|ValuePhi(3 879 872, i32) uses
//   872|Conditional of loop 3 depth 2 outer 2 header:147|LoopBegin outside that loop without a proxy
// Cause (fixed): a store at a variable index into a small virtual array (VariableIndex) made each element a
// select computed inside the inner loop; the analysis did not know the selects were computed there, so the
// loop exit gave them no proxy. Nodes that virtualize() adds now record their block (Tool.addNode).
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
    static long m1062484(int a, int b, int c) {
        {
            int[] o1 = new int[] {0, 0};
            for (int i3 = 0; i3 < (b & 7); i3++) {
                for (int i4 = 0; i4 < (c & 7); i4++) {
                    o1[(b & 3) % o1.length] = new Q(-1).x;
                    if ((b == 0)) {
                        break;
                    }
                }
            }
        }
        return 0L;
    }
    static P m1062484c0(int k, P x) {
        return ((P) null);
    }
    static P m1062484c1(int k, P x) {
        return ((P) null);
    }
}
