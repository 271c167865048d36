package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;

/**
 * A phi of one virtual object and null, checked for null and read, and then no longer used: the
 * object stays unallocated (pending past its merge) and is dropped where nothing uses it any more,
 * at the next merge or at the loop's back edge, instead of being allocated there (issue 15).
 * The other cases use it past those points, where it must be allocated.
 */
public final class NullMerges {
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
}
