package dev.escape.test.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.escape.feedback.Feedback;

/**
 * The fuzzer's feedback mode inside the normal test command ({@link FeedbackOracle}): a fixed
 * range of seeds, each method run with its own inputs until feedback recompiles it with
 * speculations, then with the other inputs of the pool, which make them fail; every call computes
 * what the interpreter computes. The range must give feedback work: speculations made, and failed.
 * The long mode is {@code ./escape fuzz --feedback --seeds=N}.
 */
class FuzzFeedbackQuickTest {
    private static final int METHODS = 150;
    private static final long FIRST_SEED = 1_000_000;

    /** As in FeedbackTest: the monitor must have been set up by GraalHarness.feedbackOptions(). */
    @BeforeAll
    static void monitorSettings() {
        assumeFalse(Boolean.getBoolean("escape.test.feedback"), "feedback tests need the monitor set up by GraalHarness.feedbackOptions()");
    }

    @AfterAll
    static void forget() {
        Feedback.reset();
    }

    @Test
    void speculationsFailWithoutChangingResults() {
        FeedbackOracle.Stats stats = new FeedbackOracle.Stats();
        Fuzzer fuzzer = new Fuzzer(stats, 2, 200, System.out::println);
        fuzzer.run(FIRST_SEED, METHODS, 25);
        System.out.println("feedback: " + stats);
        assertEquals(List.of(), fuzzer.failures().stream().map(f -> f.seed()).toList(),
                        () -> fuzzer.failures().stream().map(f -> "seed " + f.seed() + ": " + f.what() + "\n" + f.reproducer()).collect(Collectors.joining("\n\n")));
        assertEquals(METHODS, fuzzer.passed() + fuzzer.graalCannot().size());
        assertTrue(fuzzer.passed() >= METHODS * 9 / 10, () -> "too many methods Graal cannot compile: " + fuzzer.graalCannot());
        // otherwise the mode tests little: feedback must speculate, and phase B must make speculations fail
        assertTrue(stats.speculated() >= METHODS / 20 && stats.failed() >= METHODS / 40, stats::toString);
    }
}
