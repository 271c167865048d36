package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;

/**
 * A phi of one virtual object and null, checked for null and read, and then no longer used: the
 * object stays unallocated (pending past its merge) and is dropped where nothing uses it any more,
 * at the next merge or at the loop's back edge, instead of being allocated there (issue 15).
 * The other cases use it past those points, where it must be allocated.
 */
public final class NullMerges {
    /** A constant object: compiled code sees it as one once this class is initialized. */
    static final Point ORIGIN = new Point(0, 0);
    /** A constant object with a mutable field (only this class's methods use it). */
    static final Box SHARED = new Box(99);

    private NullMerges() {
    }

    /** The benchmark's shape (PartialEscape.nullMerge). */
    @Inputs({"1", "4", "-3", "0"})
    @BeyondGraal({"1"})
    static int checkedThenDead(int a) {
        Box p = (a & 3) == 0 ? null : new Box(a);
        return p == null ? -1 : p.value + 1;
    }

    @Inputs({"0", "1", "9", "100"})
    @BeyondGraal({"100"})
    static int checkedThenDeadInLoop(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            Box p = (i & 3) == 0 ? null : new Box(i);
            s += p == null ? -1 : p.value + 1;
        }
        return s;
    }

    /** Used again after a second merge: allocated there. */
    @Inputs({"1", "4", "7", "-2", "0"})
    static int usedAfterTheNextMerge(int a) {
        Box p = (a & 3) == 0 ? null : new Box(a);
        int r = p == null ? -1 : p.value;
        if (a > 5) {
            r += 1;
        }
        return r + (p == null ? 0 : p.value * 2);
    }

    /** Carried around the loop by a phi: the last one is read after it. */
    @Inputs({"0", "1", "6", "9"})
    static int carriedOutOfTheLoop(int n) {
        Box last = null;
        int s = 0;
        for (int i = 0; i < n; i++) {
            Box p = (i & 3) == 0 ? null : new Box(i);
            s += p == null ? -1 : p.value;
            last = p;
        }
        return s * 100 + (last == null ? -7 : last.value);
    }

    /** Escapes after the merges on some calls: the escaping path needs the object. */
    @Inputs({"1", "4", "-5", "-4"})
    static int escapesLater(int a) {
        Box p = (a & 3) == 0 ? null : new Box(a);
        int r = p == null ? -1 : p.value + 1;
        if (a < 0) {
            Basics.sink = p;
        }
        return r;
    }

    /** Dead after the check, then a loop: the object is dropped before the loop, not allocated. */
    @Inputs({"1", "4", "3"})
    @BeyondGraal({"3"})
    static int deadBeforeALoop(int a) {
        Box p = (a & 3) == 0 ? null : new Box(a);
        int r = p == null ? -1 : p.value + 1;
        for (int i = 0; i < a; i++) {
            r += i;
        }
        return r;
    }

    /** A fresh object or one constant object of the same class, then only read: reads take the constant's final fields on its path. */
    @Inputs({"3", "-3", "0"})
    @BeyondGraal({"3"})
    static int constantOrFresh(int a) {
        Point p = a > 0 ? new Point(a, a * 2) : ORIGIN;
        return p.x() * 10 + p.y();
    }

    /** Fresh, constant or null: null-checked, then read. */
    @Inputs({"7", "3", "-2"})
    @BeyondGraal({"7"})
    static int constantFreshOrNull(int a) {
        Point p = a > 5 ? new Point(a, 1) : a < 0 ? null : ORIGIN;
        return p == null ? -7 : p.x() + p.y() * 3;
    }

    /** Compared with the constant after the merge: the identity needs the real object, allocated on the fresh path. */
    @Inputs({"3", "-3"})
    static int constantComparedAfter(int a) {
        Point p = a > 0 ? new Point(a, a) : ORIGIN;
        return p == ORIGIN ? -1 : p.x() + p.y();
    }

    /** A static object with mutable fields: its field is loaded at the end of its path (kept before: Negative.mergedWithStaticObject). */
    @Inputs({"1", "-1"})
    @BeyondGraal({"1"})
    static int mergedWithStaticObject(int a) {
        Box b = a > 0 ? new Box(a) : SHARED;
        return b.value;
    }

    /** The static object's field written after the merge through another reference: the write ends the pending state first. */
    @Inputs({"1", "-1"})
    static int staticObjectWrittenAfterTheMerge(int a) {
        Box b = a > 0 ? new Box(a) : SHARED;
        SHARED.value++;
        int r = b.value;
        SHARED.value--;
        return r;
    }

    private static final int[] DIGITS = {3, 1, 4, 1, 5, 9, 2, 6};

    /**
     * The nullable box is dropped past the ternary (nothing uses it there), whose merge folds into
     * a conditional; an index out of range then deoptimizes with the box's merge state (the last
     * one left before it), and the interpreter redoes the ternary from there: it must see null
     * where the box was null.
     */
    @Inputs({"-5, 9", "5, 9", "-5, 2", "5, 2"})
    static int droppedThenDeoptimizedAtItsMerge(int a, int k) {
        Box b = a > 0 ? new Box(a) : null;
        int r = b == null ? -1 : b.value;
        try {
            return r + DIGITS[k];
        } catch (ArrayIndexOutOfBoundsException e) {
            return r * 1000;
        }
    }
}
