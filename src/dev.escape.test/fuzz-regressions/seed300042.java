// Found by ./escape fuzz --seeds=1 --start=300042, then reduced:
//   m300042 [ESCAPE]: compilation threw jdk.graal.compiler.debug.GraalError: failed guarantee: locks are disordered: 187|MonitorEnter
//   	at [187|MonitorEnter { stamp=void, isSynthetic=true, biasable=true,  }]
// Cause (fixed): o1's lock stayed virtual while the lock on the (constant, real) Integer was entered
// for real; o1's materialization then entered the outer lock after the inner one, which HotSpot's
// lightweight locking (strict lock order) forbids. See LockOrder.
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
    static long m300042(int a, int b, int c) {
        {
            P o1 = new P();
            for (int i2 = 0; i2 < (0 & 7); i2++) {
            }
            synchronized (o1) {
                synchronized (Integer.valueOf(0)) {
                    sink = o1;
                }
            }
        }
        return 0L;
    }
}
