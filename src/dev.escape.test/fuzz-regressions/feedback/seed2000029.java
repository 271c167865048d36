// Found by ./escape fuzz --feedback --seeds=1 --start=2000029, then reduced:
//   m2000029[1, 2, 3] [ESCAPE+feedback, phase A]: compilation threw jdk.graal.compiler.debug.GraalError: failed guarantee: dead node -1000000293|Write has live next 216|CommitAllocation
//   (the counter store shared the frame state of a merge; IfNode.splitIfAtPhi, which takes a merge's state as the merge's own, killed it)
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
    interface Fn {
        int apply(Object o);
    }
    static final class F1 implements Fn {
        public int apply(Object o) {
            return o instanceof P p ? p.i + 1 : o == null ? 7 : 3;
        }
    }
    static P wrap(P p, int k) {
        P w = new P(k, p);
        w.o = p;
        return w;
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
    static long m2000029(int a, int b, int c) {
        long h = 754L;
        if (((Object) (((c & -128) == 0) ? new Q(0) : Integer.valueOf(0)) instanceof Q)) {
            {
                P o11;
                if ((a & 3) == 3) {
                    o11 = new P();
                } else if ((a & 3) == 2) {
                    o11 = new P();
                } else {
                    o11 = wrap(new P(), a);
                }
                h = h * 31 + hashOf(o11);
            }
        }
        return 0L;
    }
    static P m2000029c0(int k, P x) {
        return ((P) null);
    }
}
