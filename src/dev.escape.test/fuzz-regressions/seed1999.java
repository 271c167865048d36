// Found by ./escape fuzz --seeds=1 --start=1999 --slots=ESCAPE (own analysis, main at 92b849f), reduced.
// A WRONG RESULT: on input (128, -3, 1) each P's field o must point to that P itself (o0.o = o0);
// the compiled code stores a copy instead: the self-referencing virtual object is materialized
// as two objects. Expected vs actual sink (the oracle's snapshots):
//   m1999[128, -3, 1] [ESCAPE]: expected returned 1422649377, sink returned {class=Fuzz$P, P.i=7, P.o=<cycle to #0>, P.n={class=Fuzz$P, P.i=3, P.o=<cycle to #1>, P.n={class=Fuzz$P, P.i=0, P.o=null, P.n={class=Fuzz$P, P.i=-2, P.o=<cycle to #3>, P.n={class=Fuzz$P, P.i=-3, P.o=<cycle to #4>, P.n={class=Fuz
//       but compiled code gave returned 1422649377, sink returned {class=Fuzz$P, P.i=7, P.o={class=Fuzz$P, P.i=7, P.o=<cycle to #1>, P.n={class=Fuzz$P, P.i=3, P.o={class=Fuzz$P, P.i=3, P.o=<cycle to #3>, P.n={class=Fuzz$P, P.i=0, P.o=null, P.n={class=Fuzz$P, P.i=-2, P.o={class=Fuzz$P, P.i=-2, P.o=<cycle
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
    static int geti(P p) {
        return p == null ? -1 : p.i;
    }
    static long m1999(int a, int b, int c) {
        P o0 = new P();
        for (int i1 = 0; i1 < (Integer.valueOf(b).intValue() & 7); i1++) {
            o0 = new P(i1 + o0.i, o0);
            if ((c == 0)) {
                throw new E(0);
            }
            for (int i3 = 0; i3 < (geti(o0) & 7); i3++) {
                o0.o = o0;
            }
            sink = o0;
        }
        return 0L;
    }
}
