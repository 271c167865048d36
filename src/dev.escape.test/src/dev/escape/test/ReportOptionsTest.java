package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.escape.launcher.LaunchError;
import dev.escape.launcher.LaunchOptions;
import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/** The launcher's report and dump options: defaults, and bad input as one line with exit 2. */
class ReportOptionsTest {

    @Test
    void eachFormatHasItsDefaultFile() throws LaunchError {
        assertEquals(Path.of("escape-report.json").toAbsolutePath(), LaunchOptions.parse(List.of("--report=json", "Main")).reportFile());
        assertEquals(Path.of("escape-report.html").toAbsolutePath(), LaunchOptions.parse(List.of("--report=html", "Main")).reportFile());
        LaunchOptions o = LaunchOptions.parse(List.of("--report=html", "--source-path=src:other", "--report-file=r.html", "Main"));
        assertEquals("src:other", o.sourcePath());
        assertEquals(Path.of("r.html").toAbsolutePath(), o.reportFile());
        assertEquals(3, o.consumed());
    }

    @Test
    void reportEveryTakesPositiveSecondsAndImpliesAReport() throws LaunchError {
        LaunchOptions o = LaunchOptions.parse(List.of("--report-every=5", "Main"));
        assertEquals(5, o.reportEvery());
        assertEquals("text", o.reportFormat());
        for (String bad : List.of("0", "-1", "soon", "")) {
            assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--report-every=" + bad))).getMessage()
                            .startsWith("--report-every needs a whole number of seconds > 0, not '" + bad + "'"));
        }
    }

    @Test
    void dumpDefaultsToEscapeDumpsAndNeedsAMethodFilter() throws LaunchError {
        LaunchOptions o = LaunchOptions.parse(List.of("--dump", "--methods=Foo.bar", "Main"));
        assertEquals(Path.of("escape-dumps").toAbsolutePath(), o.dumpDir());
        assertEquals(Path.of("/tmp/d"), LaunchOptions.parse(List.of("--dump=/tmp/d", "--methods=Foo.bar")).dumpDir());
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--dump"))).getMessage().contains("--dump needs --methods="));
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--config=graal", "--dump", "--methods=A.b"))).getMessage().contains("need --config=escape"));
    }

    @Test
    void unknownReportFormatIsOneLine() {
        assertOneLineError(ChildProcess.escape("java", "--report=pdf", "-version"), "escape: unknown report format 'pdf'; choose one of [text, json, html]");
    }

    @Test
    void unwritableDumpDirectoryIsRefusedBeforeTheProgramStarts() {
        assertOneLineError(ChildProcess.escape("java", "--dump=/proc/escape-dumps", "--methods=A.b", "-version"), "escape: cannot write dumps to /proc/escape-dumps");
    }

    private static void assertOneLineError(Result r, String expected) {
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().startsWith(expected), r::toString);
    }
}
