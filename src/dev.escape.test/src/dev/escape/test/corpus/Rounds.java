package dev.escape.test.corpus;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.test.corpus.Basics.Box;

/**
 * Allocations that a second round of the analysis removes: the first round learns a field's value
 * but a test computed from it folds only in the canonicalization after the round (the analysis
 * folds a branch condition whose inputs are fields of virtual objects, not a computation on them:
 * here {@code flag[0] * flag[0]}), so the first round still commits the object where it meets
 * another value; the second round starts from that commit.
 */
public final class Rounds {
    private Rounds() {
    }

    /**
     * Not final: a constant object would not make {@code b} real at the merge (a phi of a virtual
     * object and a constant one stays pending, see NullMerges); an object loaded from a field does.
     */
    private static Box other = new Box(-1);

    /** Round 1: {@code b} merges with {@code other} (materialized); round 2: the merge is gone. */
    @Inputs({"5", "-3"})
    static int mergeFoldsAfterFirstRound(int x) {
        int[] flag = {1};
        Box b = new Box(x);
        Box o = flag[0] * flag[0] == 1 ? b : other;
        return o.value;
    }

    /** As above, but the object then escapes on one path: round 2 moves the commit to that call. */
    @Inputs({"5", "-3"})
    @Expect(decision = Decision.PARTIAL, cause = Cause.CALL, site = "Box")
    static int escapesOnOnePathAfterFirstRound(int x) {
        int[] flag = {1};
        Box b = new Box(x);
        Box o = flag[0] * flag[0] == 1 ? b : other;
        if (x > 0) {
            return Opaque.consume(o) + o.value;
        }
        return o.value;
    }
}
