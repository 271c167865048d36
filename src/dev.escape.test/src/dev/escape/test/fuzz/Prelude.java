package dev.escape.test.fuzz;

import java.util.ArrayList;
import java.util.List;

import dev.escape.test.fuzz.Code.Stmt;

/**
 * The members every generated class starts with, the same for every seed (so one seed reproduces
 * alone): small holder classes, the static state escaped objects go to, and helpers, some of
 * which Graal inlines and one it cannot (an interface call with two implementations loaded and no
 * profile).
 */
final class Prelude {
    /** Static state the oracle resets before each run and compares after it. */
    static final String SINK = "sink";
    static final String COUNTER = "counter";
    static final String RESET = "reset";

    private Prelude() {
    }

    static List<Code> members() {
        List<Code> m = new ArrayList<>();
        pinned(m, "static Object sink;");
        pinned(m, "static long counter;");
        pinned(m, "static Fn fn = new F1();");
        // A constant object merged objects may meet (Merged); reset, as its fields may be written.
        pinned(m, "static final P ZERO = new P();");
        // A small array read with an index from a field: a bounds check that may deoptimize.
        pinned(m, "static final int[] SMALL = {3, 1, 4, 1, 5, 9, 2, 6};");
        pinned(m, """
                        static void reset() {
                            sink = null;
                            counter = 0;
                            fn = new F1();
                            ZERO.i = 0;
                            ZERO.o = null;
                            ZERO.n = null;
                            ZERO.l = 0;
                        }""");
        member(m, """
                        static class Base {
                            long l;
                        }""");
        member(m, """
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
                        }""");
        member(m, """
                        static final class Q extends Base {
                            int x;
                            final int y;
                            Q(int x) {
                                this.x = x;
                                this.y = x * 3;
                            }
                        }""");
        // A holder with final fields and a constant "none", as Optional and Optional.EMPTY.
        member(m, """
                        static final class K {
                            static final K NONE = new K(null, 0);
                            final Object v;
                            final int i;
                            K(Object v, int i) {
                                this.v = v;
                                this.i = i;
                            }
                        }""");
        member(m, """
                        static final class E extends RuntimeException {
                            final int code;
                            E(int code) {
                                super(null, null, false, false);
                                this.code = code;
                            }
                        }""");
        member(m, """
                        interface Fn {
                            int apply(Object o);
                            Object pass(Object o);
                        }""");
        member(m, """
                        static final class F1 implements Fn {
                            public int apply(Object o) {
                                return o instanceof P p ? p.i + 1 : o == null ? 7 : 3;
                            }
                            public Object pass(Object o) {
                                return o;
                            }
                        }""");
        member(m, """
                        static final class F2 implements Fn {
                            public int apply(Object o) {
                                sink = o;
                                return 11;
                            }
                            public Object pass(Object o) {
                                sink = o;
                                return this;
                            }
                        }""");
        member(m, "static final Fn F2_LOADED = new F2();");
        member(m, """
                        static final class L {
                            static final Object UNSET = new Object();
                            static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<L, Object> V =
                                            java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(L.class, Object.class, "v");
                            volatile Object v = UNSET;
                        }""");
        // Identity of two boxes of the same value outside the cache is unspecified (valueOf "may
        // cache other values"), and Graal does fold it: compare those by value, the rest by ==.
        member(m, """
                        static boolean same(Object x, Object y) {
                            if (x instanceof Integer i && y instanceof Integer j && (i < -128 || i > 127)) {
                                return i.equals(j);
                            }
                            return x == y;
                        }""");
        member(m, """
                        static int geti(P p) {
                            return p == null ? -1 : p.i;
                        }""");
        member(m, """
                        static P wrap(P p, int k) {
                            P w = new P(k, p);
                            w.o = p;
                            return w;
                        }""");
        member(m, """
                        static void leak(Object o) {
                            sink = o;
                        }""");
        member(m, """
                        static int thrower(int k) {
                            if (k < 0) {
                                throw new E(k);
                            }
                            return k + 1;
                        }""");
        member(m, """
                        static long sum(P p) {
                            long s = 0;
                            for (int d = 0; p != null && d < 6; d++) {
                                s = s * 31 + p.i + p.l;
                                p = p.n;
                            }
                            return s;
                        }""");
        member(m, """
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
                        }""");
        return m;
    }

    private static void pinned(List<Code> members, String text) {
        members.add(new Stmt(text, List.of(), true));
    }

    private static void member(List<Code> members, String text) {
        members.add(new Stmt(text));
    }
}
