package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/**
 * Graal as the JIT of a child JVM, started through the launcher: real compilations go through the
 * escape configuration, and the program's own output and exit code are those of plain C2.
 */
class JitModeTest {
    private static final String DEMO_JAR = ChildProcess.ROOT.resolve("build/lib/escape-demo.jar").toString();

    /** README's first command: the demo's methods are compiled by Graal through escape's phase. */
    @Test
    void demoCompiledByEscapeConfigurationPrintsTheSameAsC2() throws Exception {
        Result demo = ChildProcess.escape("demo", "300000");
        Result c2 = ChildProcess.escape("java", "--config=c2", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "300000");
        assertEquals(0, demo.exitCode(), demo::toString);
        assertEquals(0, c2.exitCode(), c2::toString);
        assertTrue(demo.stdout().contains("\n" + c2.stdout()), () -> "the program's output passes through unchanged:\n" + demo + "\nC2: " + c2);
        assertEquals("", demo.stderr(), "nothing of ours on the program's stderr");

        // Only escape's phase writes these records: each is a real Graal compilation of a demo method.
        String text = Files.readString(ChildProcess.ROOT.resolve("build/demo-report.txt"));
        assertEquals(text, demo.stdout().substring(demo.stdout().indexOf("escape report: ")), "the demo prints the report");
        assertTrue(text.matches("(?s).*\ndev\\.escape\\.demo\\.Demo\\.doesNotEscape\\(int, int\\)\n  compilation HotSpotCompilation-\\d+, analysis \\S+: allocations 3 -> 0\n.*"), text);
        assertTrue(text.matches("(?s).*\ndev\\.escape\\.demo\\.Demo\\.escapesThroughCall\\(int\\)\n  compilation HotSpotCompilation-\\d+, analysis \\S+: allocations 1 -> 1\n"
                        + "    Demo\\.java:\\d+: new dev\\.escape\\.demo\\.Demo\\$Box kept: materialized at Demo\\.java:\\d+ \\([^\n]*Demo\\.log\\(Demo\\$Box\\)\\).*"), text);
        assertTrue(text.contains("\ndev.escape.demo.Demo.escapesOnOneBranch(int)\n"), text);
    }

    @Test
    void graalConfigurationsAndC2RunTheProgramUnchanged() {
        Result c2 = ChildProcess.escape("java", "--config=c2-noea", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "100000");
        for (String config : new String[]{"graal", "graal-noea"}) {
            // Graal compiles the demo's methods before main ends (blocking), the JDK's in the background.
            Result r = ChildProcess.escape("java", "--config=" + config, "-XX:CompileCommand=quiet", "-XX:CompileCommand=BackgroundCompilation,dev.escape.demo.*::*,false",
                            "-cp", DEMO_JAR, "dev.escape.demo.Demo", "100000");
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(c2.stdout(), r.stdout(), config);
        }
    }

    @Test
    void exitCodeStdinAndStderrPassThrough(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("Exit.java");
        Files.writeString(src, "class Exit { public static void main(String[] a) { System.err.println(\"to stderr\"); System.exit(Integer.parseInt(a[0])); } }");
        Result r = ChildProcess.escape("java", src.toString(), "42");
        assertEquals(42, r.exitCode(), r::toString);
        assertEquals("to stderr\n", r.stderr());
    }

    @Test
    void javaVersionWorks() {
        Result r = ChildProcess.escape("java", "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("version \"25"), r::toString);
    }
}
