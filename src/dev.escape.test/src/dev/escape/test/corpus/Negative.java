package dev.escape.test.corpus;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Shapes.Quiet;

/**
 * Allocations that must stay, on every path (KEPT) or on some (PARTIAL), each annotated with the
 * cause escape must give for its first materialization.
 */
public final class Negative {
    static Object sink;
    static final Object[] SHARED = new Object[1];
    static final Box HOLDER = new Box(0);
    static final Box OTHER = new Box(99);

    private Negative() {
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.RETURN)
    static Box returned(int a) {
        Box b = new Box(a);
        b.value++;
        return b;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.STORE_STATIC)
    static int storedToStatic(int a) {
        Box b = new Box(a);
        sink = b;
        b.value = 5;
        return ((Box) sink).value;
    }

    @Inputs({"1", "-1", "0"})
    @Expect(decision = Decision.KEPT, cause = Cause.CALL)
    static int passedToLargeCallee(int a) {
        Box b = new Box(a);
        return Opaque.consume(b) + b.value;
    }

    /** depth is inlined once: for a <= 0 it makes no call, so that path never allocates the box. */
    @Inputs({"1", "3", "0"})
    @Expect(decision = Decision.PARTIAL, cause = Cause.CALL)
    static int passedToRecursiveCallee(int a) {
        Box b = new Box(a);
        return Opaque.depth(b, a * 10);
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.STORE_ARRAY)
    static int storedIntoEscapingArray(int a) {
        Box b = new Box(a);
        SHARED[0] = b;
        return ((Box) SHARED[0]).value;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.STORE_FIELD)
    static int storedIntoEscapingObject(int a) {
        Box b = new Box(a);
        HOLDER.next = b;
        return HOLDER.next.value;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.THROW)
    static int thrown(int a) {
        if (a < 0) {
            throw new Quiet(a);
        }
        return a;
    }

    /** Variable indices select among the elements of small arrays of primitives only (SmallArrays). */
    @Inputs({"5, 2", "5, 7", "0, 0"})
    @Expect(decision = Decision.KEPT, cause = Cause.VARIABLE_INDEX)
    static int variableIndexStoreLongerArray(int a, int i) {
        int[] xs = new int[9];
        xs[i & 7] = a;
        return xs[0] + xs[1] * 2 + xs[2] * 3 + xs[7] * 4;
    }

    @Inputs({"1, 0", "2, 3"})
    @Expect(decision = Decision.KEPT, cause = Cause.VARIABLE_INDEX)
    static int variableIndexLoadOfObjects(int a, int i) {
        Object[] xs = {a, "two", 3L, null};
        return java.util.Objects.hashCode(xs[i & 3]);
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.TOO_LARGE)
    static int tooLongArray(int a) {
        int[] xs = new int[1000];
        xs[3] = a;
        return xs[3] + xs.length;
    }

    @Inputs({"1", "-1", "0"})
    @Expect(decision = Decision.PARTIAL, cause = Cause.STORE_STATIC)
    static int escapesOnOneBranch(int a) {
        Box b = new Box(a);
        if (a < 0) {
            sink = b;
            return 0;
        }
        return b.value;
    }

    @Inputs({"1", "-1", "0"})
    @Expect(decision = Decision.PARTIAL, cause = Cause.CALL)
    static int callOnOneBranch(int a) {
        Box b = new Box(a);
        if (a > 0) {
            return Opaque.consume(b);
        }
        return b.value;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.HOLDER_ESCAPED, site = "Box", holder = "Object[]")
    static int heldByEscapingArray(int a) {
        Object[] holder = {new Box(a), null};
        sink = holder;
        return ((Box) holder[0]).value;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.STORE_STATIC)
    static int escapesWhileLocked(int a) {
        Box b = new Box(a);
        synchronized (b) {
            sink = b;
            b.value++;
        }
        return b.value;
    }

    /**
     * Escapes inside the loop, so on the back edge the object is real while it is virtual on
     * entry: the loop header merges the two, and the object must exist before the loop. When the
     * loop does not run (n <= 0) it is never allocated: eliminated on that path.
     */
    @Inputs({"0", "1", "5"})
    @Expect(decision = Decision.PARTIAL, cause = Cause.MERGE)
    static int escapesInLoopOnLastIteration(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            b.value += i;
            if (i == 4) {
                sink = b;
            }
        }
        return b.value;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.STORE_STATIC)
    static boolean selfCycleEscapes(int a) {
        Box b = new Box(a);
        b.next = b;
        sink = b;
        return ((Box) sink).next == b;
    }

    @Inputs({"1", "-1"})
    /** {@code x} (the first site) escapes because {@code y}, which holds it, is returned. */
    @Expect(decision = Decision.KEPT, cause = Cause.HOLDER_ESCAPED, site = "Box", holder = "Box")
    static Box cycleReturned(int a) {
        Box x = new Box(a);
        Box y = new Box(a + 1);
        x.next = y;
        y.next = x;
        return y;
    }

    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.HOLDER_ESCAPED, site = "Box", holder = "Object[]", holderChain = {"Object[]", "Pair", "stored to a static field: Negative.sink"})
    static int chainOfHolders(int a) {
        Shapes.Pair p = new Shapes.Pair(new Object[]{new Box(a)}, null);
        sink = p;
        return ((Box) ((Object[]) p.first)[0]).value;
    }

    @Inputs({"0", "3", "6"})
    @Expect(decision = Decision.KEPT, cause = Cause.STORE_STATIC)
    static int escapesAfterTheLoop(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            b.value += i;
        }
        sink = b;
        return b.value;
    }

    @Inputs({"0", "3", "6"})
    @Expect(decision = Decision.KEPT, cause = Cause.RETURN)
    static Box returnedAfterTheLoop(int n) {
        Box b = new Box(1);
        for (int i = 0; i < n; i++) {
            b.value *= 2;
        }
        return b;
    }

    @Inputs({"1", "-1", "0"})
    @Expect(decision = Decision.PARTIAL, cause = Cause.RETURN)
    static Object returnedOnOnePath(int a) {
        Box b = new Box(a);
        if (a > 0) {
            return b;
        }
        return b.value;
    }

    /**
     * It escapes to a static holding both of its locks; escape never allocates an object holding
     * two of its own locks (see Locks.reentrantLockHeldAcrossEscape), so it is made real at the
     * inner lock, holding one: cause MONITOR, whose detail names the static store.
     */
    @Inputs({"1", "-1"})
    @Expect(decision = Decision.KEPT, cause = Cause.MONITOR)
    static int escapesInsideTwoLocks(int a) {
        Box b = new Box(a);
        synchronized (b) {
            synchronized (b) {
                sink = b;
                b.value++;
            }
            b.value++;
        }
        return b.value;
    }
}
