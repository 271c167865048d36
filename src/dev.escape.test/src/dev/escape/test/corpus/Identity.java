package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;
import dev.escape.test.corpus.Shapes.Base;
import dev.escape.test.corpus.Shapes.Derived;

/** ==, instanceof and checkcast on virtual objects: all decidable without the real object. */
public final class Identity {
    private Identity() {
    }

    @Inputs({"1", "0"})
    static boolean twoFreshObjectsDiffer(int a) {
        return new Box(a) == new Box(a);
    }

    @Inputs({"1", "-1", "0"})
    static boolean sameObjectAfterMerge(int a) {
        Box x = new Box(a);
        Box y = new Box(a);
        Box z = a > 0 ? x : y;
        return z == x;
    }

    @Inputs({"1", "-1"})
    static boolean freshIsNotNull(int a) {
        Object o = a > 0 ? new Box(a) : new Point(a, a);
        return o != null;
    }

    @Inputs({"1", "-1", "0"})
    static int instanceofOnMergedTypes(int a) {
        Object o = a > 0 ? new Box(a) : new Point(a, -a);
        if (o instanceof Box b) {
            return b.value;
        }
        return ((Point) o).y() + 1000;
    }

    @Inputs({"2", "-2"})
    static int checkcastToSuperclass(int a) {
        Object o = new Derived(a, 3);
        Base b = (Base) o;
        return b.weight();
    }

    @Inputs({"1", "-1"})
    static boolean freshDiffersFromStatic(int a) {
        Box b = new Box(a);
        return b == Negative.sink;
    }

    @Inputs({"1", "-1", "0"})
    static int failingCheckcastCaught(int a) {
        Object o = a > 0 ? new Box(a) : new Point(a, a);
        try {
            return ((Box) o).value;
        } catch (ClassCastException e) {
            return -7;
        }
    }
}
