package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Frame;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.decisions.SiteDecision;
import dev.escape.integration.EscapeOptions;
import dev.escape.test.corpus.Rounds;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.CorpusInputs;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.options.OptionKey;
import jdk.graal.compiler.options.OptionValues;

/**
 * escape's analysis in rounds ({@link EscapeOptions#EscapeAnalysisRounds}): what one round keeps
 * the second removes or moves, and the record still holds one decision per original allocation
 * site, with the reason of the round that decided last.
 */
class RoundsTest {

    /** A method compiled with one round and with the default (two). */
    private record OneAndTwo(Method method, Compiled one, Compiled two) {
        static OneAndTwo of(Class<?> owner, String name) throws NoSuchMethodException {
            Method m = owner.getDeclaredMethod(name, int.class);
            return new OneAndTwo(m, compile(m, 1), GraalHarness.compile(m, Slot.ESCAPE));
        }

        /** Same sites in the same order, decided by escape's own analysis; the code still right. */
        void checkRecordAndResults() {
            assertEquals(one.sites().stream().map(SiteDecision::site).toList(), two.sites().stream().map(SiteDecision::site).toList());
            assertEquals("escape", two.record().analysis());
            assertNull(two.record().fallback());
            Checks.sameAsInterpreter(two, CorpusInputs.of(method));
        }
    }

    @Test
    void secondRoundRemovesWhatTheFirstCommitted() throws Exception {
        OneAndTwo c = OneAndTwo.of(Rounds.class, "mergeFoldsAfterFirstRound");
        assertEquals(1, c.one().allocations(), () -> Checks.describe(c.one()));
        SiteDecision box = box(c.one());
        assertEquals(Decision.KEPT, box.decision(), box::describe);
        assertEquals(Cause.MERGE, box.materializations().get(0).cause(), box::describe);

        assertEquals(0, c.two().allocations(), () -> Checks.describe(c.two()));
        assertEquals(List.of(Decision.ELIMINATED, Decision.ELIMINATED), decisions(c.two()), () -> Checks.describe(c.two()));
        assertEquals(box.site(), box(c.two()).site(), "the site of the original allocation, not of round 1's commit");
        c.checkRecordAndResults();
    }

    @Test
    void secondRoundMovesTheCommitToTheOnePathThatNeedsIt() throws Exception {
        OneAndTwo c = OneAndTwo.of(Rounds.class, "escapesOnOnePathAfterFirstRound");
        SiteDecision kept = box(c.one());
        assertEquals(Decision.KEPT, kept.decision(), kept::describe);
        assertEquals(Cause.MERGE, kept.materializations().get(0).cause(), kept::describe);

        SiteDecision partial = box(c.two());
        assertEquals(Decision.PARTIAL, partial.decision(), partial::describe);
        assertEquals(kept.site(), partial.site());
        assertEquals(1, partial.materializations().size(), partial::describe);
        Materialization atCall = partial.materializations().get(0);
        assertEquals(Cause.CALL, atCall.cause(), partial::describe);
        // At the call inside the inlined Opaque.consume, reached from the compiled method.
        Frame outermost = atCall.at().get(atCall.at().size() - 1);
        assertEquals("escapesOnOnePathAfterFirstRound", outermost.methodName(), partial::describe);
        // The key that identifies this materialization point is the same in every compilation.
        assertEquals(atCall.key(partial.site()), box(GraalHarness.compile(c.method(), Slot.ESCAPE)).materializations().get(0).key(partial.site()));
        c.checkRecordAndResults();
    }

    @Test
    void oneRoundIsWhatTheOptionSays() throws Exception {
        Method m = Rounds.class.getDeclaredMethod("mergeFoldsAfterFirstRound", int.class);
        assertEquals(1, compile(m, 1).allocations());
        assertEquals(0, compile(m, 3).allocations());
    }

    /**
     * BranchSplitting between the rounds: a nullable box tested right after its merge and then
     * read by a bounds-checked load is made real by round 1 (the load may deoptimize with the
     * merge's frame state); once the test is split at the merge, round 2 keeps it virtual on its
     * own path. Without the split (its option off) the box stays allocated.
     */
    @Test
    void branchSplitBetweenRoundsRemovesWhatTheFirstRoundMadeReal() throws Exception {
        Method m = dev.escape.test.corpus.Functional.class.getDeclaredMethod("nullTestedRightAfterMerge", int.class);
        Compiled split = GraalHarness.compile(m, Slot.ESCAPE);
        Compiled unsplit = compile(m, EscapeOptions.EscapeBranchSplitting, false);
        assertEquals(0, split.allocations(), () -> Checks.describe(split));
        assertEquals(List.of(Decision.ELIMINATED), decisions(split), () -> Checks.describe(split));
        assertEquals(1, split.sites().get(0).rewrites().size(), () -> Checks.describe(split));
        assertTrue(split.sites().get(0).describe().matches(".* eliminated: branch at Functional\\.java:\\d+ split per path into the merge before it"), () -> Checks.describe(split));
        assertEquals(List.of(), box(unsplit).rewrites());
        assertEquals(1, unsplit.allocations(), () -> Checks.describe(unsplit));
        assertEquals(Decision.KEPT, box(unsplit).decision(), () -> Checks.describe(unsplit));
        Checks.sameAsInterpreter(split, CorpusInputs.parse(m, new String[]{"5", "-5", "0", "13"}));
    }

    /**
     * A rewrite after the last round earns another: an object merged with a constant goes through
     * a second such merge (as {@code Optional.ofNullable(s).filter(p)}), which shows only once the
     * first is split. Its split comes after round 2, and round 3 removes the object. Without the
     * extra rounds (EscapeRoundsAfterRewrites 0) the object stays allocated; with one round
     * nothing is split.
     */
    @Test
    void aSplitAfterTheLastRoundEarnsAnother() throws Exception {
        Method m = dev.escape.test.corpus.Functional.class.getDeclaredMethod("namedFilteredTestedAfterEachMerge", int.class);
        Compiled more = GraalHarness.compile(m, Slot.ESCAPE);
        Compiled none = compile(m, EscapeOptions.EscapeRoundsAfterRewrites, 0);
        assertEquals(0, more.allocations(), () -> Checks.describe(more));
        assertEquals(2, more.sites().get(0).rewrites().size(), () -> Checks.describe(more));
        assertEquals(1, none.allocations(), () -> Checks.describe(none));
        assertEquals(1, none.sites().get(0).rewrites().size(), () -> Checks.describe(none));
        assertEquals(1, compile(m, 1).allocations());
        assertEquals(List.of(), compile(m, 1).sites().get(0).rewrites());
        Checks.sameAsInterpreter(more, CorpusInputs.parse(m, new String[]{"0", "1", "2", "3"}));
    }

    /**
     * WalkPeeling between the rounds: round 1 makes the nodes a loop walks real at the loop (its
     * variable takes another node each iteration); once the loop is peeled per node and once for
     * the end, round 2 keeps them all virtual and the loop is gone. Without the peeling (its option
     * 0) two of the nodes stay allocated; with one round there is no peeling either.
     */
    @Test
    void walkPeelingBetweenRoundsRemovesTheWalkedNodes() throws Exception {
        Method m = dev.escape.test.corpus.Loops.class.getDeclaredMethod("linkedListWalked", int.class);
        Compiled peeled = GraalHarness.compile(m, Slot.ESCAPE);
        Compiled unpeeled = compile(m, EscapeOptions.EscapeWalkPeelingNodes, 0);
        assertEquals(0, peeled.allocations(), () -> Checks.describe(peeled));
        assertEquals(0, peeled.nodeClasses().getOrDefault("LoopBeginNode", 0), () -> peeled.nodeClasses().toString());
        assertEquals(1, unpeeled.nodeClasses().getOrDefault("LoopBeginNode", 0), () -> unpeeled.nodeClasses().toString());
        assertEquals(List.of(Decision.ELIMINATED, Decision.ELIMINATED, Decision.ELIMINATED), decisions(peeled), () -> Checks.describe(peeled));
        // Graal's own loop peeling, before the phase, already takes the head out of the loop: the
        // loop walks the other two nodes, and their decisions name the peeling (twice and once for the end).
        assertEquals(2, peeled.sites().stream().filter(site -> site.describe().matches(".* eliminated: loop at Loops\\.java:\\d+ peeled 3 times \\(a walk over its objects\\)")).count(),
                        () -> Checks.describe(peeled));
        assertEquals(2, unpeeled.allocations(), () -> Checks.describe(unpeeled));
        assertEquals(2, unpeeled.count(Decision.KEPT), () -> Checks.describe(unpeeled));
        assertEquals(2, compile(m, 1).allocations());
        Checks.sameAsInterpreter(peeled, CorpusInputs.parse(m, new String[]{"0", "5", "-3"}));
    }

    private static Compiled compile(Method m, int rounds) {
        return compile(m, EscapeOptions.EscapeAnalysisRounds, rounds);
    }

    /** With escape's option {@code key} set to {@code value}. */
    private static <T> Compiled compile(Method m, OptionKey<T> key, T value) {
        return GraalHarness.compile(m, Slot.ESCAPE, new OptionValues(GraalHarness.options(), key, value));
    }

    private static SiteDecision box(Compiled c) {
        return c.sites().stream().filter(s -> s.site().type().endsWith("Box")).findFirst().orElseThrow(() -> new AssertionError(Checks.describe(c)));
    }

    private static List<Decision> decisions(Compiled c) {
        return c.sites().stream().map(SiteDecision::decision).toList();
    }
}
