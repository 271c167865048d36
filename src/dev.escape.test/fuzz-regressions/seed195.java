// Found by ./escape fuzz --seeds=1 --start=195 --slots=ESCAPE (own analysis, main at 92b849f), reduced:
//   m195 [ESCAPE]: compilation threw jdk.graal.compiler.graph.GraalGraphError: Invalid frame state 49|FrameState@-4[AFTER_EXCEPTION_BCI]
//   at node: 83|ForeignCall#new_instance_or_null { nodeSourcePosition=at jdk.graal.compiler.hotspot.replacements.HotSpotAllocationSnippets.newInstanceOrNull(ForeignCallDescriptor, KlassPointer) [bci: -1]
//   at jdk.graal.compiler.hotspot.replacements.HotSpotAllocationSnippets.callNewInstanceStub(HotSpotAllocationSnippets.java:353) [bci: 13]
//   at jdk.graal.compiler.replacements.AllocationSnippets.allocateInstanceImpl(AllocationSnippets.java:68) [bci: 119]
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
    static int thrower(int k) {
        if (k < 0) {
            throw new E(k);
        }
        return k + 1;
    }
    static long m195(int a, int b, int c) {
        for (int i4 = 0; i4 < (thrower(b) & 7); i4++) {
        }
        return 0L;
    }
}
