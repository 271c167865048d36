package dev.escape.test.corpus;

import dev.escape.test.corpus.Shapes.Cell;

/** clone of small arrays and of a Cloneable class: the copy is as virtual as the original. */
public final class Clone {
    private Clone() {
    }

    @Inputs({"1", "-1", "0"})
    static int cloneIntArray(int a) {
        int[] xs = {a, a + 1, a + 2};
        int[] ys = xs.clone();
        ys[0] = 100;
        return xs[0] * 1000 + ys[0] + ys[2];
    }

    @Inputs({"3", "-3"})
    static long cloneObjectArray(int a) {
        Object[] xs = {Long.valueOf(a), "s"};
        Object[] ys = xs.clone();
        ys[1] = Long.valueOf(a * 2L);
        return (Long) ys[0] + (Long) ys[1] + ((String) xs[1]).length();
    }

    @Inputs({"1", "-1", "0"})
    static long cloneCloneable(int a) {
        Cell c = new Cell(a, 7L);
        Cell d = c.copy();
        d.value += 10;
        return c.value * 100L + d.value + d.stamp;
    }

    @Inputs({"1", "-1"})
    static boolean cloneIsAnotherObject(int a) {
        int[] xs = {a};
        return xs.clone() != xs;
    }
}
