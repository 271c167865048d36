package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/**
 * Runtime feedback in a child JVM with Graal as the JIT: a program whose object escapes often while
 * it warms up and never afterwards, with an identity test after the merge that makes every
 * configuration allocate the object on every call. Under {@code escape} the instrumented code
 * shows the escaping path gone cold and the method is recompiled with it speculated away: the
 * program allocates nothing per call in its late rounds; under {@code escape-nofeedback} it keeps
 * allocating. Both print the same results.
 */
class FeedbackJitTest {
    private static final String PROGRAM = """
                    public class Ph {
                        record P(int x, int y) {}
                        static Object sink;
                        static P last = new P(0, 0);
                        static boolean escapeNow;

                        static void sink(Object o) { sink = o; }

                        static int run(int i) {
                            P p = new P(i, i + 1);
                            if (escapeNow && (i & 1) == 0) {
                                sink(p);
                            }
                            return p == last ? 0 : p.x() + p.y();
                        }

                        static long loop(int n) {
                            long sum = 0;
                            for (int i = 0; i < n; i++) {
                                sum += run(i);
                            }
                            return sum;
                        }

                        public static void main(String[] args) {
                            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                            long sum = 0;
                            escapeNow = true;
                            for (int round = 0; round < 40; round++) {
                                if (round == 10) {
                                    escapeNow = false;
                                }
                                long before = mx.getCurrentThreadAllocatedBytes();
                                sum += loop(1_000_000);
                                long bytes = mx.getCurrentThreadAllocatedBytes() - before;
                                if (round >= 35) {
                                    System.err.printf("bytes per call %.2f%n", bytes / 1e6);
                                }
                            }
                            System.out.println(sum + " " + ((P) sink).x());
                        }
                    }
                    """;

    @Test
    void coldEscapeIsSpeculatedAwayAfterThePhaseChange(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Ph.java"), PROGRAM);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), dir.resolve("Ph.java").toString()));
        Result feedback = run("escape", dir);
        Result without = run("escape-nofeedback", dir);
        assertEquals(without.stdout(), feedback.stdout(), "the same results with and without feedback");
        double withBytes = lateBytesPerCall(feedback);
        double withoutBytes = lateBytesPerCall(without);
        assertTrue(withoutBytes >= 20, () -> "without feedback the identity test keeps the object real: " + without);
        assertTrue(withBytes < 0.01 * withoutBytes, () -> "with feedback every late round allocates (almost) nothing:\n" + feedback + "\nwithout:\n" + without);
    }

    private static Result run(String config, Path dir) {
        // The program's methods compile before they run on (blocking), so the rounds see each compilation's code.
        Result r = ChildProcess.escape("java", "--config=" + config, "-XX:CompileCommand=quiet", "-XX:CompileCommand=BackgroundCompilation,Ph::*,false", "-cp", dir.toString(), "Ph");
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    /** The largest bytes per call of the last rounds (the program prints them on stderr). */
    private static double lateBytesPerCall(Result r) {
        Matcher m = Pattern.compile("bytes per call ([0-9.]+)").matcher(r.stderr());
        double max = 0;
        int rounds = 0;
        while (m.find()) {
            max = Math.max(max, Double.parseDouble(m.group(1)));
            rounds++;
        }
        assertEquals(5, rounds, r::toString);
        return max;
    }
}
