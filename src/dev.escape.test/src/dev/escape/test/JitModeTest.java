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

    @Test
    void demoCompiledByEscapeConfigurationPrintsTheSameAsC2(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.txt");
        Result escape = ChildProcess.escape("java", "--config=escape", "--report", "--report-file=" + report, "--methods=dev.escape.demo.*.*",
                        "-Xbatch", "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,dev.escape.demo.Demo::log", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "300000");
        Result c2 = ChildProcess.escape("java", "--config=c2", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "300000");
        assertEquals(0, escape.exitCode(), escape::toString);
        assertEquals(c2.stdout(), escape.stdout(), "the program's output passes through unchanged");
        assertEquals("", escape.stderr(), "nothing of ours on the program's stderr");

        String text = Files.readString(report);
        assertTrue(text.contains("dev.escape.demo.Demo.escapesThroughCall(int)"), text);
        assertTrue(text.matches("(?s).*Demo\\.java:\\d+: new dev\\.escape\\.demo\\.Demo\\$Box kept: materialized at Demo\\.java:\\d+ \\(before call Demo\\.log\\(Demo\\$Box\\)\\).*"), text);
        assertTrue(text.contains("analysis escape"), text);
    }

    @Test
    void graalConfigurationsAndC2RunTheProgramUnchanged() {
        Result c2 = ChildProcess.escape("java", "--config=c2-noea", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "1000");
        for (String config : new String[]{"graal", "graal-noea"}) {
            Result r = ChildProcess.escape("java", "--config=" + config, "-Xbatch", "-cp", DEMO_JAR, "dev.escape.demo.Demo", "1000");
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
