package dev.escape.bench.profile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * Notes when a fork's measured iterations ran, so that the report can count the deoptimizations
 * and compilations that happened during them: at the fork's end it writes
 * {@code <bench.jitDir>/<pid>.benchmark} with the benchmark's name and the JVM uptime (ms) at the
 * start of the first measured iteration and at the end of the last one. bench.sh runs every fork
 * with {@code -Dbench.jitDir=...} and with {@code -Xlog:deoptimization=debug} and
 * {@code -Xlog:jit+compilation=debug} into {@code <pid>-deopt.log} and {@code <pid>-jit.log} in that
 * directory; HotSpot's unified logging stamps their lines with the same uptime
 * ({@link RuntimeMXBean#getUptime()} and the {@code uptime} decorator both count from the VM's start).
 *
 * <p>
 * The file also has the size of the benchmark's installed code at the fork's end
 * ({@code bench_code_bytes}, {@code bench_nmethods}): the instructions of the tier-4 code (C2's, or
 * Graal's/escape's through JVMCI) in use for methods of {@code dev.escape.bench} classes, JMH's
 * generated stub that runs the measured loop (with what was inlined into it) among them, from the
 * {@code Compiler.codelist} diagnostic command.
 *
 * <p>
 * JMH's gc profiler counts the bytes every thread of the fork allocates during an iteration, so
 * this profiler allocates nothing around iterations: it stores longs and a reference, and the
 * shutdown hook (created with the profiler, before any iteration) formats and writes the file. Use
 * with {@code -prof dev.escape.bench.profile.MeasuredWindowProfiler}; without {@code bench.jitDir}
 * it does nothing.
 */
public final class MeasuredWindowProfiler implements InternalProfiler {
    /** The system property that names the directory to write into. */
    public static final String DIR_PROPERTY = "bench.jitDir";

    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private volatile BenchmarkParams benchmark;
    private volatile long windowStartMs = -1;
    private volatile long windowEndMs = -1;
    private volatile int measured;

    public MeasuredWindowProfiler() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isEmpty()) {
            // Created here, not in an iteration: a Thread is garbage the gc profiler would count.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(dir)), "MeasuredWindowProfiler"));
        }
    }

    @Override
    public String getDescription() {
        return "JVM uptime at the start and end of the measured iterations, for counting deoptimizations and compilations in them";
    }

    @Override
    public void beforeIteration(BenchmarkParams params, IterationParams iteration) {
        benchmark = params;
        if (iteration.getType() == IterationType.MEASUREMENT && windowStartMs < 0) {
            windowStartMs = runtime.getUptime();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams params, IterationParams iteration, IterationResult result) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            windowEndMs = runtime.getUptime();
            measured++;
        }
        return List.of();
    }

    /** {@code <dir>/<pid>.benchmark}, unless no iteration ran in this VM (JMH's host VM). */
    private void write(Path dir) {
        BenchmarkParams params = benchmark;
        if (params == null) {
            return;
        }
        String text = "benchmark=" + params.getBenchmark() + "\nwindow_start_ms=" + windowStartMs + "\nwindow_end_ms=" + windowEndMs + "\nmeasured_iterations="
                        + measured + "\nexit_uptime_ms=" + runtime.getUptime() + "\n" + benchCode();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ProcessHandle.current().pid() + ".benchmark"), text);
        } catch (IOException e) {
            System.err.println("MeasuredWindowProfiler: cannot write to " + dir + ": " + e);
        }
    }

    /** One line of {@code Compiler.codelist}: compile id, tier, state (0: in use), method, {@code [header, code begin - code end]}. */
    private static final Pattern NMETHOD = Pattern.compile("^\\d+ (\\d) (\\d) (\\S+) \\[0x\\p{XDigit}+, 0x(\\p{XDigit}+) - 0x(\\p{XDigit}+)\\]");

    /** {@code bench_code_bytes} and {@code bench_nmethods} lines, or nothing when the code cache cannot be listed. */
    private static String benchCode() {
        String list;
        try {
            list = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist",
                            new Object[]{null}, new String[]{String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            System.err.println("MeasuredWindowProfiler: cannot list the code cache: " + e);
            return "";
        }
        long bytes = 0;
        int nmethods = 0;
        for (String line : list.lines().toList()) {
            Matcher m = NMETHOD.matcher(line);
            if (m.find() && m.group(1).equals("4") && m.group(2).equals("0") && m.group(3).startsWith("dev.escape.bench.")) {
                bytes += Long.parseUnsignedLong(m.group(5), 16) - Long.parseUnsignedLong(m.group(4), 16);
                nmethods++;
            }
        }
        return "bench_code_bytes=" + bytes + "\nbench_nmethods=" + nmethods + "\n";
    }
}
