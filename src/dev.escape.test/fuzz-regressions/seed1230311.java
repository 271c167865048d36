// Found by ./escape fuzz --seeds=1 --start=1230311, then reduced:
//   m1230311 [ESCAPE]: compilation threw jdk.graal.compiler.core.common.PermanentBailoutException: escape analysis could not finish its changes: escape analysis left an inconsistent graph: 884|ValuePhi(880 224, i64) uses 880|ValuePhi(224 224, i64) of loop 1 depth 1 header:106|LoopBegin outside that loop without a proxy
//   	at dev.escape.integration.OwnEscapeAnalysis.applyAndCanonicalize(OwnEscapeAnalysis.java:186)
//   	at dev.escape.integration.OwnEscapeAnalysis.applyRounds(OwnEscapeAnalysis.java:113)
//   	at dev.escape.integration.OwnEscapeAnalysis.apply(OwnEscapeAnalysis.java:71)
//   	at dev.escape.integration.EscapeAnalysis$1.apply(EscapeAnalysis.java:56)
//   	at dev.escape.integration.EscapePhase.run(EscapePhase.java:104)
//   	at dev.escape.integration.EscapePhase.run(EscapePhase.java:29)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.BasePhase.apply(BasePhase.java:468)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.BasePhase.apply(BasePhase.java:334)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.PhaseSuite.run(PhaseSuite.java:423)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.BasePhase.apply(BasePhase.java:468)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.BasePhase.apply(BasePhase.java:334)
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
    interface Fn {
        int apply(Object o);
    }
    static final class F1 implements Fn {
        public int apply(Object o) {
            return o instanceof P p ? p.i + 1 : o == null ? 7 : 3;
        }
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
    static long m1230311(int a, int b, int c) {
        P o1 = new P();
        P o3 = ((P) null);
        for (int i7 = 0; i7 < (b & 7); i7++) {
            {
                o3 = new P(0, new P(0, o1));
            }
        }
        return (0L * 31 + hashOf(o3));
    }
}
