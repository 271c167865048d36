// Found by ./escape fuzz --feedback --seeds=4000 --start=1130000 (fails in the normal mode too), then reduced:
//   m1131983[0, 0, 0] [ESCAPE]: expected returned 40361510127063877, sink returned null, counter 0
//     but compiled code gave returned 40361510142763734, sink returned null, counter 0
// Cause (fixed before it landed): objects without identity (the box o1) were allowed to stay pending
// past a merge with null (sink = same(o1, o1) ? null : o1) while used elsewhere; the pending object is
// the box itself, so once the merge's phi was made real, o1 read as that phi: null on the path that
// stored null. Boxes now skip the "only through the phi" rule only where they meet other objects as a
// new one (Identity.mayMeetAt), never where the object itself stands for the phi.
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
    static final class F2 implements Fn {
        public int apply(Object o) {
            sink = o;
            return 11;
        }
    }
    static boolean same(Object x, Object y) {
        if (x instanceof Integer i && y instanceof Integer j && (i < -128 || i > 127)) {
            return i.equals(j);
        }
        return x == y;
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
    static long m1131983(int a, int b, int c) {
        P o0 = new P();
        Integer o1 = Integer.valueOf(c);
        sink = (same(o1, o1) ? ((Object) null) : (false ? ((Integer) null) : o1));
        {
            for (int i8 = 0; i8 < (fn.apply(((Integer) null)) & 7); i8++) {
                if ((o0 != null)) {
                    jdk.graal.compiler.api.directives.GraalDirectives.deoptimizeAndInvalidate();
                }
            }
        }
        return (0L * 31 + hashOf(o1));
    }
    static P m1131983c0(int k, P x) {
        return ((P) null);
    }
}
