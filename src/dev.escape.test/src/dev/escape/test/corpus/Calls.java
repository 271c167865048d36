package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;
import dev.escape.test.corpus.Shapes.Base;
import dev.escape.test.corpus.Shapes.Derived;

/** Objects passed to, and returned from, calls that the inliner takes: they stay local. */
public final class Calls {
    private Calls() {
    }

    private static Box make(int v) {
        Box b = new Box(v);
        b.next = new Box(v + 1);
        return b;
    }

    private static int read(Box b) {
        return b.value + (b.next == null ? 0 : b.next.value);
    }

    private static void bump(Box b, int by) {
        b.value += by;
    }

    private static Base pick(int a) {
        return a > 0 ? new Derived(a, 1) : new Base(a);
    }

    @Inputs({"1", "-1", "50"})
    static int factoryAndReader(int a) {
        return read(make(a));
    }

    @Inputs({"1", "-4", "0"})
    static int mutatedByCallee(int a) {
        Box b = new Box(a);
        bump(b, 3);
        bump(b, a);
        return b.value;
    }

    @Inputs({"3", "-3", "0"})
    static int virtualCallOnMergedTypes(int a) {
        return pick(a).weight();
    }

    @Inputs({"1, 2", "5, -5", "0, 0"})
    static int methodChain(int a, int b) {
        return new Point(a, b).plus(new Point(1, 2)).plus(new Point(b, a)).x();
    }

    @Inputs({"2", "-2", "7"})
    static int recursionInlinedToAFixedDepth(int a) {
        Box b = new Box(a);
        return countdown(b, 3);
    }

    private static int countdown(Box b, int n) {
        if (n == 0) {
            return b.value;
        }
        b.value *= 2;
        return countdown(b, n - 1);
    }

    @Inputs({"6", "-6", "0"})
    static int passedThroughObjectParameter(int a) {
        Object o = new Box(a);
        return identity(o).hashCodeFree();
    }

    private static Wrapper identity(Object o) {
        return new Wrapper((Box) o);
    }

    private record Wrapper(Box box) {
        int hashCodeFree() {
            return box.value * 3;
        }
    }
}
