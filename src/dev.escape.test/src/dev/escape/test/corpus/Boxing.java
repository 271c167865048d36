package dev.escape.test.corpus;

/**
 * Boxing through valueOf: values inside the Integer cache (-128..127 by default) give shared
 * boxes, others fresh ones. Identity comparisons must answer as the interpreter does.
 */
public final class Boxing {
    private Boxing() {
    }

    @Inputs({"5", "-200", "100000"})
    static int unboxAfterBoxing(int a) {
        Integer boxed = a;
        Integer other = a + 1;
        return boxed + other;
    }

    @Inputs({"5", "127", "128", "-128", "-129", "100000"})
    static boolean identityOfTwoBoxesOfOneValue(int a) {
        Integer x = Integer.valueOf(a);
        Integer y = Integer.valueOf(a);
        return x == y;
    }

    @Inputs({"5", "1000"})
    static boolean sameBoxIsIdentical(int a) {
        Integer x = Integer.valueOf(a);
        Object y = x;
        return x == y;
    }

    @Inputs({"1", "-1", "3000000000"})
    static long longAndDoubleBoxes(long a) {
        Long l = a;
        Double d = (double) a;
        return l + d.longValue();
    }

    @Inputs({"0", "1", "300"})
    static int boxesInAnArray(int a) {
        Object[] values = {a, (short) a, (char) (a + 65), a > 0};
        return (Integer) values[0] + (Short) values[1] + (Character) values[2] + ((Boolean) values[3] ? 1 : 0);
    }

    @Inputs({"0", "10", "200"})
    static int boxedAccumulatorInLoop(int n) {
        Integer sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    @Inputs({"1", "-1", "500"})
    static int boxedOnMerge(int a) {
        Integer v = a > 0 ? Integer.valueOf(a) : Integer.valueOf(-a * 2);
        return v.intValue() + 1;
    }

    @Inputs({"7", "700"})
    static boolean equalsNotIdentity(int a) {
        Integer x = a;
        Integer y = a;
        return x.equals(y);
    }

    /**
     * A box an array still holds meets a fresh one at a phi: boxes have no identity, so the phi
     * becomes one virtual box, as in Graal's phase (esl's eslCallReturnsObject lost 29 bytes per
     * iteration here while escape required a box to be used only through the phi).
     */
    @Inputs({"5", "-5", "0", "-100000"})
    static int boxHeldElsewhereMerged(int a) {
        Integer[] holder = {a + 1000};
        Integer x = holder[0];
        if (a < 0) {
            x = 1000 - a;
        }
        return x + holder[0] * 3 + (x == holder[0] ? 1 : 0);
    }
}
