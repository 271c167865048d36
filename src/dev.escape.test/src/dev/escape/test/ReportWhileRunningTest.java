package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/** {@code --report-every}: the program itself finds its method in the report before it exits. */
class ReportWhileRunningTest {
    private static final String WATCH = """
                    import java.nio.file.Files;
                    import java.nio.file.Path;

                    class Watch {
                        static int work(int i) {
                            int[] pair = {i, i + 1};
                            return pair[0] + pair[1];
                        }

                        public static void main(String[] args) throws Exception {
                            Path report = Path.of(args[0]);
                            long deadline = System.nanoTime() + 120_000_000_000L;
                            long sum = 0;
                            while (System.nanoTime() < deadline) {
                                for (int i = 0; i < 100_000; i++) {
                                    sum += work(i);
                                }
                                if (Files.readString(report).contains("Watch.work(int)")) {
                                    System.out.println("report seen while running " + (sum != 0));
                                    return;
                                }
                                Thread.sleep(100);
                            }
                            System.out.println("report not seen");
                        }
                    }
                    """;

    @Test
    void reportIsRewrittenWhileTheProgramRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Watch.java"), WATCH);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), dir.resolve("Watch.java").toString()));
        Path report = dir.resolve("report.txt");
        Result r = ChildProcess.escape("java", "--report-every=1", "--report-file=" + report, "--methods=Watch.work", "-XX:CompileCommand=quiet",
                        "-XX:CompileCommand=compileonly,Watch::work", "-cp", dir.toString(), "Watch", report.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("report seen while running true\n", r.stdout(), r::toString);
        assertEquals("", r.stderr(), r::toString);
    }
}
