package dev.escape.test.dumps;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import jdk.graal.compiler.graphio.parsing.model.Group;
import jdk.graal.compiler.graphio.parsing.model.InputGraph;
import jdk.graal.compiler.graphio.parsing.model.InputNode;

/**
 * End to end in JIT mode: {@code ./escape java --report=json --dump --source-path} on the demo.
 * One child JVM; only the demo's methods are compiled (-Xbatch, compileonly) to keep it short,
 * and the demo runs long enough for them to be compiled also on a loaded machine.
 */
class ReportAndDumpJitTest {
    private static final String DEMO_JAR = ChildProcess.ROOT.resolve("build/lib/escape-demo.jar").toString();

    @Test
    void demoReportAndDumps(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Path dumps = dir.resolve("dumps");
        Result r = ChildProcess.escape("java", "--report=json", "--report-file=" + report, "--methods=dev.escape.demo.Demo.escapesThroughCall", "--dump=" + dumps,
                        "--source-path=" + ChildProcess.ROOT.resolve("src/dev.escape.demo/src"), "-Xbatch", "-XX:CompileCommand=quiet",
                        "-XX:CompileCommand=dontinline,dev.escape.demo.Demo::log", "-XX:CompileCommand=compileonly,dev.escape.demo.*::*",
                        // compileonly also limits inlining: Object.<init> must be inlinable for the Box to stay virtual.
                        "-XX:CompileCommand=compileonly,java.lang.Object::<init>", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "1000000");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("demo checksum \\d+ \\(logged \\d+\\)\n"), "only the program's output on stdout: " + r.stdout());
        assertEquals("", r.stderr(), r::toString);

        Map<String, Object> json = ReportJson.parse(Files.readString(report));
        List<Object> compilations = ReportJson.asList(json.get("compilations"));
        assertTrue(!compilations.isEmpty(), json::toString);
        Map<String, Object> compilation = ReportJson.asObject(compilations.get(0));
        assertEquals("dev.escape.demo.Demo.escapesThroughCall(int)", compilation.get("method"));
        Map<String, Object> site = ReportJson.asObject(ReportJson.asList(compilation.get("sites")).get(0));
        assertEquals("kept", site.get("decision"));
        assertEquals("Box box = new Box(i);", site.get("source"));
        Map<String, Object> materialization = ReportJson.asObject(ReportJson.asList(site.get("materializations")).get(0));
        assertEquals("escape", compilation.get("analysis"), "escape's own analysis is the default");
        assertEquals("CALL", materialization.get("cause"));
        assertEquals("Demo.log(Demo$Box)", materialization.get("detail"));

        // Ours: one file per compilation, the kept Box annotated before and after.
        String compilationId = (String) compilation.get("compilationId");
        List<Path> ours = Bgv.files(dumps, "escape-" + compilationId + "-dev.escape.demo.Demo.escapesThroughCall.bgv");
        assertEquals(1, ours.size(), () -> "files: " + dumps.toFile().list().length);
        Group group = Bgv.groups(Bgv.read(ours.get(0))).get(0);
        for (String graph : List.of(EscapeDumpTest.BEFORE, EscapeDumpTest.AFTER)) {
            List<InputNode> annotated = Bgv.nodesWith(Bgv.graph(group, graph), "escape.site", (String) site.get("key"));
            assertTrue(!annotated.isEmpty() && annotated.stream().allMatch(n -> "kept".equals(Bgv.property(n, "escape.decision"))), graph);
        }

        // Graal's own dump of the same compilation has the graph before and after our phase.
        List<Path> graals = Bgv.files(dumps, compilationId + "\\[Demo.escapesThroughCall*.bgv");
        assertEquals(1, graals.size(), () -> List.of(dumps.toFile().list()).toString());
        List<String> names = Bgv.groups(Bgv.read(graals.get(0))).stream().flatMap(g -> g.getGraphs().stream()).map(InputGraph::getName).toList();
        assertTrue(names.stream().anyMatch(n -> n.endsWith(": Before phase Escape")), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.endsWith(": After phase Escape")), names::toString);
    }
}
