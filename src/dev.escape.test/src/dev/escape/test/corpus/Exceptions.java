package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Shapes.Quiet;

/** Exceptions thrown and caught in the method, with virtual objects live across the handler. */
public final class Exceptions {
    private Exceptions() {
    }

    @Inputs({"1", "-1", "0"})
    static int quietThrownAndCaught(int a) {
        try {
            if (a < 0) {
                throw new Quiet(a * 10);
            }
            return a;
        } catch (Quiet q) {
            return q.code;
        }
    }

    @Inputs({"6, 3", "1, 0", "-8, 2"})
    static int objectLiveAcrossDivision(int a, int b) {
        Box box = new Box(a);
        try {
            box.value = a / b;
        } catch (ArithmeticException e) {
            box.value = -1;
        }
        return box.value;
    }

    @Inputs({"0", "2", "5"})
    static int objectLiveAcrossIndexCheck(int i) {
        Box box = new Box(100);
        int[] xs = {1, 2, 3};
        try {
            box.value += xs[i];
        } catch (ArrayIndexOutOfBoundsException e) {
            box.value = 0;
        }
        return box.value;
    }

    @Inputs({"1", "-1", "0"})
    static int finallyUpdatesObject(int a) {
        Box box = new Box(a);
        try {
            if (a < 0) {
                throw new Quiet(1);
            }
            box.value += 5;
        } catch (Quiet q) {
            box.value += q.code;
        } finally {
            box.value *= 2;
        }
        return box.value;
    }

    @Inputs({"1", "-1", "0"})
    static int nullCheckCaught(int a) {
        Box box = a > 0 ? new Box(a) : null;
        try {
            return box.value;
        } catch (NullPointerException e) {
            return -100;
        }
    }

    @Inputs({"1", "-1", "0"})
    static int standardExceptionCaught(int a) {
        Box box = new Box(a);
        try {
            if (a < 0) {
                throw new IllegalStateException();
            }
            box.value++;
        } catch (IllegalStateException e) {
            box.value--;
        }
        return box.value;
    }
}
