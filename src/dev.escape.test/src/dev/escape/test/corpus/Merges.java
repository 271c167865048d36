package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;

/** Control-flow merges of virtual objects: field values become phis, objects of one shape merge. */
public final class Merges {
    private Merges() {
    }

    @Inputs({"1", "-1", "0"})
    static int sameObjectDifferentFields(int a) {
        Box b = new Box(a);
        if (a > 0) {
            b.value = 10;
        } else if (a < 0) {
            b.value = 20;
        }
        return b.value;
    }

    @Inputs({"1", "-1", "0"})
    static int twoAllocationsOneVariable(int a) {
        Box b;
        if (a > 0) {
            b = new Box(a * 3);
        } else {
            b = new Box(-a);
        }
        return b.value + 1;
    }

    @Inputs({"1", "2", "3", "0"})
    static int threeWayMerge(int a) {
        Point p;
        switch (a) {
            case 1 -> p = new Point(1, 10);
            case 2 -> p = new Point(2, 20);
            default -> p = new Point(a, a);
        }
        return p.x() + p.y();
    }

    @Inputs({"1", "-1", "0"})
    static int mergeWithNullThenCheck(int a) {
        Box b = a > 0 ? new Box(a) : null;
        if (b != null) {
            return b.value;
        }
        return -1;
    }

    @Inputs({"1", "-1", "5"})
    static int nestedObjectMerged(int a) {
        Box outer = new Box(0);
        if (a > 0) {
            outer.next = new Box(a);
        } else {
            outer.next = new Box(-a * 2);
        }
        return outer.next.value + outer.value;
    }

    @Inputs({"1", "-1", "0"})
    static int diamondAfterDiamond(int a) {
        Box b = new Box(a);
        if (a > 0) {
            b.value++;
        }
        int first = b.value;
        if (a < 0) {
            b.value--;
        } else {
            b.value += 100;
        }
        return first * 1000 + b.value;
    }

    @Inputs({"1", "-1", "0"})
    static int escapesOnOneBranchReadAfter(int a) {
        Box b = new Box(a);
        if (a < 0) {
            Negative.sink = b;
        }
        return b.value + 2;
    }
}
