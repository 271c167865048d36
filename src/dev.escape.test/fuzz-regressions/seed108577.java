// Found by ./escape fuzz --seeds=1 --start=108577, then reduced:
//   m108577 [ESCAPE]: compilation threw jdk.graal.compiler.debug.GraalError: failed guarantee: dead node -1000000576|Merge has live next 524|EndNode
//   	at [-1000000576|Merge { nodeSourcePosition=at Fuzz.m108577(Fuzz.java:141) [bci: 261], stamp=void, hasSpeculationFence=false,  }, 524|EndNode { nodeSourcePosition=at Fuzz.m108577(Fuzz.java:141) [bci: 261], stamp=void,  }]
//   	at jdk.graal.compiler/jdk.graal.compiler.debug.GraalError.guarantee(GraalError.java:120)
//   	at jdk.graal.compiler/jdk.graal.compiler.nodes.util.GraphUtil.killCFGInner(GraphUtil.java:154)
//   	at jdk.graal.compiler/jdk.graal.compiler.nodes.util.GraphUtil.killCFG(GraphUtil.java:310)
//   	at jdk.graal.compiler/jdk.graal.compiler.nodes.util.GraphUtil$DefaultSimplifierTool.deleteBranch(GraphUtil.java:1145)
//   	at jdk.graal.compiler/jdk.graal.compiler.nodes.IfNode.simplify(IfNode.java:255)
//   	at jdk.graal.compiler/jdk.graal.compiler.loop.phases.LoopTransformations.fullUnroll(LoopTransformations.java:157)
//   	at jdk.graal.compiler/jdk.graal.compiler.loop.phases.LoopFullUnrollPhase.run(LoopFullUnrollPhase.java:156)
//   	at jdk.graal.compiler/jdk.graal.compiler.loop.phases.LoopFullUnrollPhase.run(LoopFullUnrollPhase.java:50)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.BasePhase.apply(BasePhase.java:468)
//   	at jdk.graal.compiler/jdk.graal.compiler.phases.BasePhase.apply(BasePhase.java:334)
// Cause (fixed): a virtual P left the loop with its field n holding the loop phi of o1; the schedule
// places no phis, so the loop exit did not see the phi as a loop value and gave it no proxy: the
// allocation after the exit used the phi directly, and loop unrolling later broke the graph.
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
    static long m108577(int a, int b, int c) {
        long h = 72L;
        P o1 = new P();
        for (int i2 = 0; i2 < (-129 & 7); i2++) {
            o1 = new P(i2 + o1.i, o1);
            {
                if ((c == 0)) {
                    return h + sum(o1);
                }
                h = h * 31 + hashOf(o1.o);
            }
        }
        return 0L;
    }
}
