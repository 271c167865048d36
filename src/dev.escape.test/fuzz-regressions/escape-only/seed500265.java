// Found by ./escape fuzz --seeds=1 --start=500265 (campaign 500000-519999): a VM crash, SIGSEGV in
// the compiled m500265 (a load at [mark word + 0x86] with the mark word 0x1, unlocked: the
// monitor-exit path taking an unlocked object for an inflated one). A crash ends the fuzzer's JVM,
// so the shrinker never saw it; reduced by hand to this method: a new object locked twice
// (recursively) in a loop, and an exception thrown inside both locks. It crashes compiled with
// Graal's own phase (slot GRAAL) as well as with escape's analysis before the fix; with NONE it passes.
//
// Root cause (Graal's, not escape's alone): loop peeling copies the loop body, MonitorIdNodes
// included, and the exception handler after the loop (reached from the peeled iteration and from
// the loop) keeps the loop body's MonitorIdNodes in its two monitorexits. Escape analysis made the
// object real at the ends of the handler's merge, each commit holding both (recursive) locks of the
// object; the loop's throw path then folded away (a < 0 was tested in the peeled iteration), leaving
// the peeled commit. Graal lowers a commit with two locks of one object by entering the outer lock
// only and deleting the enters and exits of the nested one, found as usages of the nested lock's
// MonitorIdNode: the handler's exit names the loop body's copy, so it stays. The compiled code exits
// the object twice after one real enter; the second exit finds it neither on the lock stack nor
// inflated. No deoptimization is involved.
//
// escape now never commits an object with nested locks of its own (LockOrder, Analysis.analyze):
// the inner monitorenter stays real and the object is made real there. Graal's phase still crashes
// on it, so FuzzRegressionTest runs this directory with the escape slot only; JitModeTest runs the
// same shape under --config=escape in a child JVM.
final class Fuzz {
    static Object sink;
    static long counter;
    static Fn fn = new F1();
    static void reset() {
        sink = null;
        counter = 0;
        fn = new F1();
    }
    interface Fn {
        int apply(Object o);
    }
    static final class F1 implements Fn {
        public int apply(Object o) {
            return 7;
        }
    }
    static final class E extends RuntimeException {
        final int code;
        E(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
    static long m500265(int a, int b, int c) {
        for (int i1 = 0; i1 < (b & 7); i1++) {
            Object o0 = new Object();
            synchronized (o0) {
                synchronized (o0) {
                    if (a < 0) {
                        throw new E(a);
                    }
                }
            }
        }
        return 0L;
    }
}
