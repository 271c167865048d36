// Found by ./escape fuzz --seeds=1 --start=500265 (campaign 500000-519999): a VM crash, SIGSEGV in
// the compiled m500265 (a load at [mark word + 0x86] with the mark word 0x1, unlocked: apparently
// the monitor-exit path taking an unlocked object for an inflated one). A crash ends the fuzzer's
// JVM, so the shrinker never saw it; reduced by hand (with a scratch runner that compiles the file's
// method with given slots, in order, and runs it on every input of the pool) to this method: a new
// object locked twice (recursively) in a loop, and an exception thrown inside both locks.
// Not a fault of escape's analysis: Graal's own phase crashes the same way. This reduced file
// crashes compiled with GRAAL alone and with ESCAPE alone; with NONE (no escape analysis, so the
// locks stay real) it passes. It passes too with one lock instead of two, without the loop, or when
// a < 0 never throws. (The generated method crashed only when a second compilation ran after
// other compiled code of the method: NONE then GRAAL, GRAAL then GRAAL, ESCAPE then ESCAPE.)
// Root cause not found: somewhere between the virtualized (eliminated) recursive locks on the
// exception path and the monitor exits HotSpot runs, a monitor is exited that was never entered
// for real. Kept in open/ (FuzzRegressionTest does not run it: it would crash the test JVM).
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
