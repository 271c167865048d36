package dev.escape.test.corpus;

/**
 * Small arrays of primitives read and written at an index that is not a constant: escape keeps
 * them virtual with a select over their elements (Graal's nodes virtualize constant indices only).
 * Indices out of range must still throw, from the interpreter after a deoptimization.
 */
public final class SmallArrays {
    private SmallArrays() {
    }

    @Inputs({"5, 2", "5, 7", "0, 0", "-3, -1"})
    @BeyondGraal({"5, 2"})
    static int store(int a, int i) {
        int[] xs = new int[4];
        xs[i & 3] = a;
        return xs[0] + xs[1] * 2 + xs[2] * 3 + xs[3] * 4;
    }

    @Inputs({"1, 0", "2, 3", "-4, 6"})
    @BeyondGraal({"2, 3"})
    static int load(int a, int i) {
        int[] xs = {a, a * 2, a * 3, a * 4};
        return xs[i & 3];
    }

    /** The benchmark's shape (Containers.variableIndexArray): filled by a loop, one element read back. */
    @Inputs({"1, 0", "7, 2", "-5, 3"})
    @BeyondGraal({"7, 2"})
    static int filledByLoop(int a, int i) {
        int[] t = new int[4];
        for (int k = 0; k < 4; k++) {
            t[k] = a + k * k;
        }
        return t[++i & 3];
    }

    /** Stores and loads at several variable indices, so selects feed selects. */
    @Inputs({"3, 1, 2", "3, 2, 2", "-1, 0, 3", "9, 3, 0"})
    @BeyondGraal({"3, 1, 2"})
    static long longsAtTwoIndices(long a, int i, int j) {
        long[] xs = new long[3];
        xs[i % 3] = a;
        xs[j % 3] += a << 33;
        return xs[0] - xs[1] * 3 + xs[2] * 5 + xs[(i + j) % 3];
    }

    @Inputs({"3, 1", "-9, 0"})
    @BeyondGraal({"3, 1"})
    static double doubles(int n, int i) {
        double a = n * 0.75;
        double[] xs = {a, a * a};
        xs[i & 1] *= 2;
        return xs[0] + xs[1] * 10 + xs[(i + 1) & 1];
    }

    @Inputs({"1, 0", "-1, 1", "200, 2"})
    @BeyondGraal({"200, 2"})
    static int subWordElements(int a, int i) {
        byte[] bs = new byte[3];
        char[] cs = new char[3];
        boolean[] flags = new boolean[3];
        short[] ss = new short[3];
        bs[i % 3] = (byte) a;
        cs[i % 3] = (char) a;
        flags[i % 3] = a > 0;
        ss[i % 3] = (short) (a * 300);
        return bs[i % 3] + cs[i % 3] * 3 + (flags[i % 3] ? 7 : 0) + ss[i % 3] + bs[(i + 1) % 3];
    }

    /** An index out of range throws the interpreter's exception (after a deoptimization). */
    @Inputs({"4, 1", "4, 4", "4, -1", "4, 3"})
    static int outOfRange(int a, int i) {
        int[] xs = {a, a + 1, a + 2, a + 3};
        xs[i] = 9;
        return xs[i] + xs[0];
    }

    /** The same for a load only, caught in the method. */
    @Inputs({"4, 1", "4, 4", "4, -2147483648"})
    static int outOfRangeCaught(int a, int i) {
        int[] xs = {a, a + 1};
        try {
            return xs[i];
        } catch (ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }
}
