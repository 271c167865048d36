package dev.escape.test.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/**
 * A real program under the escape JIT (JIT mode, child JVMs): the JDK-library workload prints the
 * same checksums under the escape configuration as under C2, with no compiler failure (fatal
 * there). Few rounds to stay short; {@code ./escape workload} runs the long version.
 */
class WorkloadTest {
    private static final int ROUNDS = 6;

    @Test
    void workloadPrintsTheSameUnderEscapeAsUnderC2() {
        Result c2 = ChildProcess.escape(WorkloadCompare.command("c2", ROUNDS).toArray(String[]::new));
        Result escape = ChildProcess.escape(WorkloadCompare.command("escape", ROUNDS).toArray(String[]::new));
        assertEquals(0, c2.exitCode(), c2::toString);
        assertEquals(0, escape.exitCode(), escape::toString);
        assertTrue(c2.stdout().contains("all rounds agree"), c2::toString);
        assertEquals(c2.stdout(), escape.stdout());
    }
}
