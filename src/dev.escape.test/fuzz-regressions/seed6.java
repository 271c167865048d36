// Found by ./escape fuzz --seeds=1 --start=6 --slots=ESCAPE (own analysis, main at 92b849f), reduced:
//   m6 [ESCAPE]: compilation threw java.lang.NullPointerException: Cannot read the array length because "arr$" is null
//   at dev.escape.analysis.FrameStates.lambda$process$0(FrameStates.java:79)
//   at dev.escape.analysis.Effects.apply(Effects.java:43)
//   at dev.escape.analysis.Analysis.apply(Analysis.java:156)
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
    static long m6(int a, int b, int c) {
        P o5 = ((P) null);
        P o6 = wrap(((P) null), 0);
        for (int i7 = 0; i7 < (-129 & 7); i7++) {
            o6 = new P(i7 + o6.i, o6);
            o5 = new P(0, new P(0, o6));
        }
        return (0L * 31 + hashOf(o5));
    }
}
