package dev.escape.test.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison behind {@code ./escape peer-tests}, on JUnit XML reports written here. */
class JUnitReportTest {

    private static Map<String, String> read(Path dir, String cases) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("TEST-junit-jupiter.xml"), "<?xml version=\"1.0\"?>\n<testsuite name=\"JUnit Jupiter\">" + cases + "</testsuite>");
        return JUnitReport.outcomes(dir);
    }

    @Test
    void everyOutcomeAndRepeatedNamesAreRead(@TempDir Path tmp) throws Exception {
        Map<String, String> outcomes = read(tmp, """
                        <testcase classname="a.B" name="ok()"/>
                        <testcase classname="a.B" name="bad()"><failure message="x"/></testcase>
                        <testcase classname="a.B" name="broken()"><error message="y"/></testcase>
                        <testcase classname="a.B" name="off()"><skipped/></testcase>
                        <testcase classname="a.B" name="p(int)"/>
                        <testcase classname="a.B" name="p(int)"><failure/></testcase>
                        """);
        assertEquals(Map.of("a.B#ok()", "passed", "a.B#bad()", "failed", "a.B#broken()", "error", "a.B#off()", "skipped", "a.B#p(int)", "passed", "a.B#p(int) (2)", "failed"),
                        outcomes);
        assertEquals("6 tests: 1 error, 2 failed, 2 passed, 1 skipped", JUnitReport.summary(outcomes));
    }

    @Test
    void differencesNameTheTestAndBothOutcomes(@TempDir Path tmp) throws Exception {
        Map<String, String> c2 = read(tmp.resolve("c2"), "<testcase classname=\"a.B\" name=\"x()\"/><testcase classname=\"a.B\" name=\"y()\"/>");
        Map<String, String> escape = read(tmp.resolve("escape"), "<testcase classname=\"a.B\" name=\"x()\"><failure/></testcase><testcase classname=\"a.B\" name=\"z()\"/>");
        assertEquals(List.of("a.B#x(): passed -> failed", "a.B#y(): passed -> not run", "a.B#z(): not run -> passed"), JUnitReport.differences(c2, escape));
        assertEquals(List.of(), JUnitReport.differences(c2, c2));
    }

    @Test
    void aMissingReportDirectoryHasNoOutcomes(@TempDir Path tmp) throws Exception {
        assertEquals(Map.of(), JUnitReport.outcomes(tmp.resolve("none")));
    }
}
