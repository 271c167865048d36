package dev.escape.test.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;
import dev.escape.test.report.ReportJson;

/**
 * esl under escape: a child JVM started through {@code ./escape java --config=escape} runs an esl
 * program ({@code dev.escape.lang.EslMain}, esl's jar and the Truffle runtime from
 * {@code build/graaljs-classpath} on the class path) until its functions are compiled by the
 * Truffle compiler. The result must be right, and escape's report must hold Truffle compilations
 * of the guest functions decided by escape's own analysis (no fallback), with the guest's
 * {@code Vec} objects eliminated in partial evaluation's slot, in every compilation.
 */
class EslJitTest {
    /** main(n) is called this many times: enough for main, add and the loop to be compiled. */
    private static final int CALLS = 3000;

    static final String PROGRAM = """
                    struct Vec(x, y);
                    fn add(a, b) { return new Vec(a.x + b.x, a.y + b.y); }
                    fn scale(v, k) { return new Vec(v.x * k, v.y * k); }
                    fn main(n) {
                      var s = new Vec(0, 0);
                      var i = 0;
                      while (i < n) {
                        s = add(s, scale(new Vec(i, 1), 2));
                        i = i + 1;
                      }
                      return s.x + s.y;
                    }
                    """;

    @Test
    void eslIsCompiledWithEscapesAnalysis(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("vectors.esl");
        Files.writeString(program, PROGRAM);
        Path report = dir.resolve("report.json");
        String classPath = ChildProcess.ROOT.resolve("build/lib/escape-lang.jar") + ":" + Files.readString(ChildProcess.ROOT.resolve("build/graaljs-classpath")).strip();
        // Blocking compilation: every call target that gets hot is compiled before the program goes on.
        Result r = ChildProcess.escape("java", "--config=escape", "--report=json", "--report-file=" + report,
                        "-Dpolyglot.engine.BackgroundCompilation=false", "-Dpolyglot.engine.CompilationFailureAction=ExitVM",
                        "-Desl.repeat=" + CALLS, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                        "-cp", classPath, "dev.escape.lang.EslMain", program.toString(), "1000");
        assertEquals(0, r.exitCode(), r::toString);
        // sum of 2i for i < 1000, plus 2 per iteration
        assertEquals((999L * 1000L + 2000L) + "\n", r.stdout(), r::toString);

        Map<String, Object> json = ReportJson.parse(Files.readString(report));
        List<Map<String, Object>> truffle = ReportJson.asList(json.get("compilations")).stream().map(ReportJson::asObject)
                        .filter(c -> ((String) c.get("method")).endsWith(" (Truffle)")).toList();
        for (Map<String, Object> c : truffle) {
            assertEquals("escape", c.get("analysis"), () -> "escape's own analysis, not the fallback: " + c);
            assertNull(c.get("fallback"), () -> c.toString());
        }
        Set<String> methods = truffle.stream().map(c -> (String) c.get("method")).collect(Collectors.toSet());
        assertTrue(methods.contains("main (Truffle)"), () -> "main compiled by Truffle, under the guest function's name: " + methods);
        // Partial evaluation's slot of main's compilation: add and scale inlined, their Vec objects virtual.
        assertTrue(truffle.stream().anyMatch(c -> c.get("method").equals("main (Truffle)") && ((String) c.get("compilationId")).endsWith(" (Truffle tier)")
                        && eliminated(c, "dev.escape.lang.EslObject") > 0),
                        () -> "escape's analysis eliminated esl objects in main's partial evaluation: " + truffle);
        // The inliner partially evaluates a callee on its own before inlining it: that record names it.
        assertTrue(truffle.stream().anyMatch(c -> c.get("method").equals("main (Truffle)") && ((String) c.get("compilationId")).endsWith(" (Truffle tier, inlinee add)")),
                        () -> "a record of add's graph in main's compilation: " + truffle.stream().map(c -> c.get("method") + " " + c.get("compilationId")).toList());
        // Each function is compiled twice (first tier, then last tier), each time with escape's
        // analysis in partial evaluation's slot: the VM's first Truffle compilation too.
        for (String function : List.of("add", "scale", "main")) {
            Set<String> ids = truffle.stream().filter(c -> c.get("method").equals(function + " (Truffle)")).map(c -> (String) c.get("compilationId"))
                            .filter(id -> id.endsWith(" (Truffle tier)")).collect(Collectors.toSet());
            assertEquals(2, ids.size(), () -> function + ": records of partial evaluation's slot, of " + truffle.stream().map(c -> c.get("method") + " " + c.get("compilationId")).toList());
        }
    }

    private static long eliminated(Map<String, Object> compilation, String type) {
        return ReportJson.asList(compilation.get("sites")).stream().map(ReportJson::asObject)
                        .filter(s -> s.get("decision").equals("eliminated") && type.equals(s.get("type"))).count();
    }
}
