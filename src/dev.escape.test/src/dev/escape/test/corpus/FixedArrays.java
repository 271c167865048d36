package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;

/** Arrays of constant length below Graal's cap, accessed with constant indices. */
public final class FixedArrays {
    private FixedArrays() {
    }

    @Inputs({"1", "-7", "100"})
    static int initializer(int a) {
        int[] xs = {a, a + 1, a + 2, a + 3};
        xs[2] *= 10;
        return xs[0] + xs[1] + xs[2] + xs[3];
    }

    @Inputs({"1", "-9", "5000000000"})
    static long longElements(long a) {
        long[] xs = new long[3];
        xs[0] = a;
        xs[2] = a << 3;
        return xs[0] - xs[1] + xs[2];
    }

    @Inputs({"3", "0", "-3"})
    static int objectElements(int a) {
        Object[] boxes = {new Box(a), new Box(a + 1)};
        return ((Box) boxes[0]).value * 10 + ((Box) boxes[1]).value;
    }

    @Inputs({"0", "6", "-6"})
    static int lengthOfFresh(int a) {
        int[] xs = new int[5];
        char[] cs = new char[2];
        return xs.length * 10 + cs.length + a;
    }

    @Inputs({"2", "-2", "31"})
    static int unrolledLoopOverArray(int a) {
        int[] xs = new int[4];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = a + i;
        }
        int sum = 0;
        for (int i = 0; i < xs.length; i++) {
            sum += xs[i] * (i + 1);
        }
        return sum;
    }

    @Inputs({"1", "-1", "0"})
    static int twoDimensional(int a) {
        int[][] grid = {{a, a + 1}, {a * 2, a * 3}};
        grid[1][0] += grid[0][1];
        return grid[0][0] + grid[1][0] + grid[1][1];
    }

    @Inputs({"1", "-1", "0"})
    static int booleanAndByteArrays(int a) {
        boolean[] flags = new boolean[2];
        byte[] bytes = new byte[2];
        flags[a > 0 ? 0 : 1] = true;
        bytes[1] = (byte) a;
        return (flags[0] ? 100 : 0) + (flags[1] ? 10 : 0) + bytes[1];
    }

    @Inputs({"4", "-4", "0"})
    static double doubleArraySwap(int a) {
        double[] ds = {a, a / 3.0};
        double t = ds[0];
        ds[0] = ds[1];
        ds[1] = t;
        return ds[0] * 2 - ds[1];
    }
}
