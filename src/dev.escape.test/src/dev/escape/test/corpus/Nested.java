package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Shapes.Pair;

/** Virtual objects that hold other virtual objects, and cycles among them. */
public final class Nested {
    private Nested() {
    }

    @Inputs({"1", "-1", "0"})
    static int threeLevels(int a) {
        Box c = new Box(a);
        Box b = new Box(a + 1);
        Box top = new Box(a + 2);
        top.next = b;
        b.next = c;
        return top.next.next.value * 100 + top.next.value * 10 + top.value;
    }

    @Inputs({"1", "-1"})
    static int cycle(int a) {
        Box x = new Box(a);
        Box y = new Box(-a);
        x.next = y;
        y.next = x;
        return x.next.next.next.value;
    }

    @Inputs({"1", "-1", "0"})
    static int pairOfArrays(int a) {
        Pair p = new Pair(new int[]{a, a}, new long[]{a * 2L});
        ((int[]) p.first)[1] = 9;
        return ((int[]) p.first)[0] + ((int[]) p.first)[1] + (int) ((long[]) p.second)[0];
    }

    @Inputs({"1", "-1", "0"})
    static int innerReplacedOnBranch(int a) {
        Box outer = new Box(0);
        outer.next = new Box(1);
        if (a > 0) {
            outer.next = new Box(a * 5);
        }
        return outer.next.value;
    }

    @Inputs({"1", "-1", "3"})
    static int innerEscapesOuterStaysVirtual(int a) {
        Box outer = new Box(a);
        Box inner = new Box(a * 2);
        outer.next = inner;
        if (a < 0) {
            Negative.sink = inner;
        }
        return outer.value + outer.next.value;
    }
}
