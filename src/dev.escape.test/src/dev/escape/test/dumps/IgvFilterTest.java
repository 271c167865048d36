package dev.escape.test.dumps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import dev.escape.decisions.Decision;
import dev.escape.report.Report;
import dev.escape.test.harness.ChildProcess;

/** The shipped IGV filter colors every decision the dumps can carry, by the property they use. */
class IgvFilterTest {

    @Test
    void filterColorsEveryDecision() throws Exception {
        String filter = Files.readString(ChildProcess.ROOT.resolve("igv/escape-decisions.filter"));
        for (Decision d : Decision.values()) {
            String call = "colorize(\"escape.decision\", \"" + Report.decisionId(d) + "\", ";
            assertTrue(filter.contains(call), call + " in\n" + filter);
        }
    }
}
