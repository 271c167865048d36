package dev.escape.test.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;

/** Assertions shared by the library-mode tests. */
public final class Checks {
    private Checks() {
    }

    /**
     * The installed code computes what the interpreter computes, for every input. Code compiled
     * without profiles deoptimizes (and is invalidated) where an implicit exception is thrown:
     * later inputs then run a fresh compilation.
     */
    public static void sameAsInterpreter(Compiled first, List<Object[]> inputs) {
        Compiled compiled = first;
        for (Object[] in : inputs) {
            if (!compiled.code().isValid()) {
                compiled = compiled.recompiled();
            }
            Compiled c = compiled;
            Outcome got = c.run(in);
            Outcome expected = c.reference(in);
            assertEquals(expected, got, () -> c.method().getName() + Arrays.toString(in) + " compiled with " + c.slot());
        }
    }

    /** escape's analysis left no more allocation nodes than Graal's phase on the same method. */
    public static void noMoreAllocationsThanGraal(Compiled ours, Compiled graal) {
        assertTrue(ours.allocations() <= graal.allocations(), () -> "escape left " + ours.record().after() + " vs graal " + graal.record().after() + "\n" + describe(ours));
    }

    /** Whether escape's analysis went over its budget (and so kept every allocation) in this compilation. */
    public static boolean cutOffByBudget(Compiled c) {
        return c.sites().stream().flatMap(s -> s.materializations().stream()).anyMatch(m -> m.cause() == Materialization.Cause.BUDGET);
    }

    /** The sites of a compilation, one line each. */
    public static String describe(Compiled c) {
        return String.join("\n", c.sites().stream().map(SiteDecision::describe).toList());
    }
}
