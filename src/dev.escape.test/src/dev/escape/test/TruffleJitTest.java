package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;
import dev.escape.test.report.ReportJson;
import dev.escape.test.truffle.RunJs;

/**
 * A Truffle language under escape: GraalJS (from Maven Central, {@code build/graaljs-classpath})
 * runs a JavaScript loop that allocates small objects in a child JVM started through
 * {@code ./escape java}. The guest's functions are compiled by the Truffle compiler with escape's
 * configuration; the result must be right, and escape's report must hold Truffle compilations
 * decided by escape's own analysis, both in partial evaluation's slot and in the high tier's.
 */
class TruffleJitTest {
    /** {@code sumVectors(1000)} is 499500 + 1000; the guest calls it {@code ROUNDS} times. */
    private static final int ROUNDS = 400;

    static final String PROGRAM = """
                    function Vec(x, y) { this.x = x; this.y = y; }
                    Vec.prototype.add = function (o) { return new Vec(this.x + o.x, this.y + o.y); };
                    function sumVectors(n) {
                      let s = new Vec(0, 0);
                      for (let i = 0; i < n; i++) { s = s.add(new Vec(i, 1)); }
                      return s.x + s.y;
                    }
                    let total = 0;
                    for (let round = 0; round < %d; round++) { total += sumVectors(1000); }
                    total;
                    """;

    @Test
    void graalJsLoopIsCompiledWithEscapesAnalysis(@TempDir Path dir) throws Exception {
        Path js = dir.resolve("vectors.js");
        Files.writeString(js, PROGRAM.formatted(ROUNDS));
        Path report = dir.resolve("report.json");
        String classPath = Files.readString(ChildProcess.ROOT.resolve("build/graaljs-classpath")).strip() + ":"
                        + ChildProcess.ROOT.resolve("src/dev.escape.test/target/test-classes");
        // Compilations block the guest (no background compilation): every call target that gets hot
        // is compiled before the program goes on, so the run decides what the report holds; a
        // compilation failure ends the VM.
        Result r = ChildProcess.escape("java", "--config=escape", "--report=json", "--report-file=" + report,
                        // Truffle's own JDK warnings, not ours.
                        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                        "-Dpolyglot.engine.BackgroundCompilation=false", "-Dpolyglot.engine.CompilationFailureAction=ExitVM",
                        "-cp", classPath, RunJs.class.getName(), js.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals((499500L + 1000L) * ROUNDS + "\n", r.stdout(), r::toString);

        Map<String, Object> json = ReportJson.parse(Files.readString(report));
        List<Map<String, Object>> truffle = ReportJson.asList(json.get("compilations")).stream().map(ReportJson::asObject)
                        .filter(c -> ((String) c.get("method")).endsWith(" (Truffle)")).toList();
        assertTrue(truffle.stream().anyMatch(c -> c.get("method").equals("sumVectors (Truffle)")), () -> "sumVectors compiled by Truffle: " + truffle);
        for (Map<String, Object> c : truffle) {
            assertEquals("escape", c.get("analysis"), () -> "escape's own analysis, not the fallback: " + c);
            assertNull(c.get("fallback"), () -> c.toString());
        }
        // Partial evaluation's slot: the guest's objects (Vec instances, the frame) made virtual by escape.
        assertTrue(truffle.stream().anyMatch(c -> ((String) c.get("compilationId")).endsWith(" (Truffle tier)") && eliminated(c) > 0),
                        () -> "escape's analysis eliminated allocations in partial evaluation: " + truffle);
    }

    private static long eliminated(Map<String, Object> compilation) {
        return ReportJson.asList(compilation.get("sites")).stream().map(ReportJson::asObject).filter(s -> s.get("decision").equals("eliminated")).count();
    }
}
