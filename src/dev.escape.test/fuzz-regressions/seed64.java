// Found by ./escape fuzz --seeds=1 --start=64 --slots=ESCAPE (own analysis, main at 92b849f), reduced:
//   m64 [ESCAPE]: compilation threw jdk.graal.compiler.graph.GraalGraphError: Invalid frame state 48|FrameState@-4[AFTER_EXCEPTION_BCI]
//   at node: 251|ForeignCall#new_instance_or_null { nodeSourcePosition=at jdk.graal.compiler.hotspot.replacements.HotSpotAllocationSnippets.newInstanceOrNull(ForeignCallDescriptor, KlassPointer) [bci: -1]
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
    static long m64(int a, int b, int c) {
        if ((b == 0)) {
            throw new E(0);
        }
        if ((0 == 0)) {
            throw new E(0);
        }
        return 0L;
    }
}
