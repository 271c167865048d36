// Found by ./escape fuzz --seeds=1 --start=400599, then reduced:
//   m400599[128, -3, 1] [ESCAPE]: expected returned 836319, sink returned {class=Fuzz$P, P.i=0, P.o=null, P.n=null, Base.l=0}, counter 0
//       but compiled code gave threw java.lang.NullPointerException, sink returned null, counter 0
// Cause (fixed in 7d180a3): the kotlinc shape. The inlined callee returns null, new P() or null;
// P is virtual on the middle return only, so it stays pending past the merge until sink = o3.
// Materializing it then built the phi of real values with the stamp of its first and last inputs
// only (null and null): "always null", and the canonicalizer folded the stored value to null.
// Found with that fix reverted (Analysis.materializePending), seeds 400000-401999.
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
    interface Fn {
        int apply(Object o);
    }
    static final class F1 implements Fn {
        public int apply(Object o) {
            return o instanceof P p ? p.i + 1 : o == null ? 7 : 3;
        }
    }
    static long m400599(int a, int b, int c) {
        {
            {
                {
                    P o3 = m400599c0(a, ((P) null));
                    sink = o3;
                }
            }
        }
        return 0L;
    }
    static P m400599c0(int k, P x) {
        if (k == 3) {
            return ((P) null);
        }
        if (k > 1) {
            return new P();
        }
        return ((P) null);
    }
}
