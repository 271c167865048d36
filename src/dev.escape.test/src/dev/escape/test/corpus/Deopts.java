package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import jdk.graal.compiler.api.directives.GraalDirectives;

/**
 * Forced deoptimization while virtual objects are live: the interpreter resumes with objects
 * rebuilt from the frame state (fields as modified so far, locks held) and keeps using them, so
 * the result equals the interpreter's only if the frame states describe the objects exactly.
 * Every method deoptimizes when its first argument is negative, and records in {@link #compiled}
 * whether its last part ran in compiled code (GraalDirectives.inCompiledCode is false in the
 * interpreter), so the test can tell that the deopt really happened.
 */
public final class Deopts {
    /** Whether the code after the deopt point of the last call ran compiled. */
    public static boolean compiled;

    private Deopts() {
    }

    @Inputs({"1", "-1", "0"})
    static int modifiedFields(int a) {
        Box b = new Box(a);
        b.value += 10;
        b.next = new Box(a * 2);
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        b.value += b.next.value;
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    @Inputs({"1", "-1", "5"})
    static int preciseWithModifiedFields(int a) {
        Box b = new Box(a);
        b.value *= 3;
        if (a < 0) {
            b.value += 1;
            GraalDirectives.preciseDeoptimize();
        }
        b.value += 100;
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    @Inputs({"1", "-1", "2"})
    static int insideSynchronized(int a) {
        Box b = new Box(a);
        synchronized (b) {
            b.value++;
            if (a < 0) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
            b.value *= 2;
        }
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    @Inputs({"1", "-1", "3"})
    static int insideNestedSynchronized(int a) {
        Box outer = new Box(a);
        Box inner = new Box(-a);
        synchronized (outer) {
            synchronized (inner) {
                inner.value += outer.value;
                if (a < 0) {
                    GraalDirectives.deoptimizeAndInvalidate();
                }
                outer.value = inner.value * 5 + 1;
            }
            synchronized (outer) {
                outer.value++;
            }
        }
        compiled = GraalDirectives.inCompiledCode();
        return outer.value * 100 + inner.value;
    }

    @Inputs({"2", "-2", "0"})
    static int arrayWithStores(int a) {
        int[] xs = {a, a * 2, a * 3};
        xs[1] = 7;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        xs[2] += xs[1];
        compiled = GraalDirectives.inCompiledCode();
        return xs[0] + xs[1] * 10 + xs[2] * 100;
    }

    @Inputs({"1", "-1", "300"})
    static long boxesLive(int a) {
        Integer x = a;
        Long y = a * 2L;
        Object[] pair = {x, y};
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return (Integer) pair[0] + (Long) pair[1] + (pair[0] == x ? 1000 : 0);
    }

    @Inputs({"0", "3", "-1"})
    static int inLoopWithCarriedObject(int n) {
        Box acc = new Box(0);
        int limit = n < 0 ? 5 : n;
        for (int i = 0; i < limit; i++) {
            acc.value += i;
            if (n < 0 && i == 2) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
        }
        compiled = GraalDirectives.inCompiledCode();
        return acc.value;
    }

    @Inputs({"1", "-1", "-5"})
    static int afterMergeOfTwoObjects(int a) {
        Box b;
        if (a > -3) {
            b = new Box(a * 10);
        } else {
            b = new Box(a);
            b.next = new Box(7);
        }
        b.value++;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return b.value + (b.next == null ? 0 : b.next.value);
    }

    @Inputs({"1", "-1"})
    static int cycleLive(int a) {
        Box x = new Box(a);
        Box y = new Box(a + 1);
        x.next = y;
        y.next = x;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        y.value += x.value;
        compiled = GraalDirectives.inCompiledCode();
        return x.next.next.next.value + (x.next.next == x ? 1000 : 0);
    }

    @Inputs({"1", "-1", "-2"})
    static int oneEscapedOneVirtual(int a) {
        Box escaped = new Box(a);
        Box local = new Box(a * 3);
        if (a < -1) {
            Negative.sink = escaped;
        }
        escaped.value++;
        local.next = escaped;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return local.value + local.next.value;
    }
}
