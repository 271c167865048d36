// Found by ./escape fuzz --seeds=1 --start=228 --slots=ESCAPE (own analysis, main at 92b849f), reduced:
//   m228 [ESCAPE]: compilation threw java.lang.NullPointerException: Cannot invoke "dev.escape.analysis.ObjectState.ensureVirtualized()" because "s" is null
//   at dev.escape.analysis.Analysis.commit(Analysis.java:401)
//   at dev.escape.analysis.Analysis.lambda$materialize$0(Analysis.java:385)
//   at dev.escape.analysis.Effects.apply(Effects.java:43)
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
    interface Fn {
        int apply(Object o);
    }
    static final class F1 implements Fn {
        public int apply(Object o) {
            return o instanceof P p ? p.i + 1 : o == null ? 7 : 3;
        }
    }
    static long m228(int a, int b, int c) {
        {
            P o2 = new P(0, new P());
            for (int i3 = 0; i3 < (127 & 7); i3++) {
                o2 = new P(i3 + o2.i, o2);
                synchronized (o2) {
                    if ((a == 0)) {
                        break;
                    }
                }
            }
        }
        return 0L;
    }
}
