package dev.escape.realworld;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Usage: Harness WORKLOAD [MIN_WARMUP [MEASURED [MAX_WARMUP [MAX_WARMUP_SECONDS]]]]
 *
 * Runs the workload MIN_WARMUP times, then keeps warming up until the bytes allocated by a trailing
 * window of iterations (at least wl.stableN = 5 iterations and wl.stableWindowMs = 5000 ms) agree
 * within wl.stableTol (default 0.1%) and the JIT was nearly idle during that window (compile time
 * at most wl.jitQuiet, default 5%, of its wall time; the CPU time of Truffle's compiler threads counts
 * as compile time too), or MAX_WARMUP iterations are reached, or the
 * warm-up has taken MAX_WARMUP_SECONDS (a cap so that a run ends; stable=false then), then
 * runs MEASURED iterations and prints per-iteration allocated bytes (on the workload thread, via
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes) and the output checksum. The
 * RESULT line also gives the JVM uptime at the start and end of the measured iterations
 * (measure_start_uptime_ms, measure_end_uptime_ms), the clock of -Xlog's uptime decorator.
 *
 * System properties: wl.corpus (directory with the input corpora, default ../corpus next to the
 * classes), wl.config (label printed in the RESULT line), wl.stableTol, wl.stableN, wl.stableWindowMs,
 * wl.jitQuiet.
 */
public final class Harness {

    static final Map<String, Supplier<Workload>> WORKLOADS = new TreeMap<>();
    static {
        WORKLOADS.put("javac", JavacWorkload::new);
        WORKLOADS.put("kotlinc", KotlincWorkload::new);
        WORKLOADS.put("jackson", JacksonWorkload::new);
        WORKLOADS.put("xslt", XsltWorkload::new);
        WORKLOADS.put("freemarker", FreemarkerWorkload::new);
        WORKLOADS.put("lucene", LuceneWorkload::new);
        WORKLOADS.put("xz", XzWorkload::new);
        WORKLOADS.put("acorn", AcornWorkload::new);
        WORKLOADS.put("marked", MarkedWorkload::new);
        WORKLOADS.put("terser", TerserWorkload::new);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !WORKLOADS.containsKey(args[0])) {
            System.err.println("usage: dev.escape.realworld.Harness WORKLOAD [MIN_WARMUP [MEASURED [MAX_WARMUP [MAX_WARMUP_SECONDS]]]]");
            System.err.println("workloads: " + WORKLOADS.keySet());
            System.exit(2);
        }
        String name = args[0];
        Workload w = WORKLOADS.get(name).get();
        int minWarmup = args.length > 1 ? Integer.parseInt(args[1]) : w.defaultWarmup();
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : w.defaultMeasured();
        int maxWarmup = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(minWarmup, w.defaultMaxWarmup());
        long maxWarmupMs = 1000L * (args.length > 4 ? Integer.parseInt(args[4]) : w.defaultMaxWarmupSeconds());
        double tol = Double.parseDouble(System.getProperty("wl.stableTol", "0.001"));
        double jitQuiet = Double.parseDouble(System.getProperty("wl.jitQuiet", "0.05"));
        int stableN = Integer.parseInt(System.getProperty("wl.stableN", "5"));
        long windowMs = Long.parseLong(System.getProperty("wl.stableWindowMs", "5000"));
        String config = System.getProperty("wl.config", "?");

        Path corpus = Path.of(System.getProperty("wl.corpus", defaultCorpus()));
        long t0 = System.nanoTime();
        w.setup(corpus);
        System.out.printf(Locale.ROOT, "# workload=%s config=%s setup_ms=%d vm=%s %s jit=%s%n", name, config,
                (System.nanoTime() - t0) / 1_000_000, System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), jitName());

        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        tmx.setThreadAllocatedMemoryEnabled(true);
        CompilationMXBean cmx = ManagementFactory.getCompilationMXBean();
        long self = Thread.currentThread().threadId();

        List<Long> warm = new ArrayList<>();
        List<Long> warmMs = new ArrayList<>(), warmJit = new ArrayList<>();
        Long checksum = null;
        int i = 0;
        boolean stable = false;
        long warmStart = System.nanoTime();
        // ---- warm-up
        while (true) {
            Sample s = runOnce(w, tmx, cmx, self);
            warm.add(s.bytes);
            warmMs.add(s.ms);
            warmJit.add(s.jitMs);
            checksum = check(checksum, s.checksum, "warmup " + i);
            System.out.printf(Locale.ROOT, "warmup %3d bytes=%,d other_threads=%,d ms=%d jit_ms=%d checksum=%016x%n",
                    i, s.bytes, s.other, s.ms, s.jitMs, s.checksum);
            i++;
            if (i >= minWarmup) {
                stable = isStable(warm, warmMs, warmJit, stableN, windowMs, tol, jitQuiet);
                if (stable || i >= maxWarmup || (System.nanoTime() - warmStart) / 1_000_000 >= maxWarmupMs) {
                    break;
                }
            }
        }
        long warmupMs = (System.nanoTime() - warmStart) / 1_000_000;
        // ---- measured
        // JVM uptime (the clock of -Xlog's uptime decorator) around the measured iterations, so that
        // the driver can count the deoptimizations and compilations logged during them.
        RuntimeMXBean rt = ManagementFactory.getRuntimeMXBean();
        long measureStartUptime = rt.getUptime();
        long measureStart = System.nanoTime();
        long[] bytes = new long[measured];
        long[] other = new long[measured];
        long totalMs = 0, totalJit = 0;
        for (int k = 0; k < measured; k++) {
            Sample s = runOnce(w, tmx, cmx, self);
            bytes[k] = s.bytes;
            other[k] = s.other;
            totalMs += s.ms;
            totalJit += s.jitMs;
            checksum = check(checksum, s.checksum, "measured " + k);
            System.out.printf(Locale.ROOT, "measure %3d bytes=%,d other_threads=%,d ms=%d jit_ms=%d checksum=%016x%n",
                    k, s.bytes, s.other, s.ms, s.jitMs, s.checksum);
        }
        long measureMs = (System.nanoTime() - measureStart) / 1_000_000;
        long measureEndUptime = rt.getUptime();
        long[] sorted = bytes.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long[] so = other.clone();
        Arrays.sort(so);
        double spread = median == 0 ? 0 : 100.0 * (sorted[sorted.length - 1] - sorted[0]) / median;
        System.out.printf(Locale.ROOT,
                "RESULT workload=%s config=%s bytes_per_iter=%d min=%d max=%d spread_pct=%.3f other_threads=%d "
                        + "checksum=%016x warmup_iters=%d stable=%s measured=%d avg_ms=%d avg_jit_ms=%d warmup_ms=%d measure_ms=%d measure_start_uptime_ms=%d measure_end_uptime_ms=%d%n",
                name, config, median, sorted[0], sorted[sorted.length - 1], spread, so[so.length / 2], checksum,
                i, stable, measured, totalMs / Math.max(1, measured), totalJit / Math.max(1, measured), warmupMs, measureMs,
                measureStartUptime, measureEndUptime);
        System.exit(0); // do not wait for stray non-daemon threads of the workloads
    }

    record Sample(long bytes, long other, long ms, long jitMs, long checksum) {}

    private static Sample runOnce(Workload w, com.sun.management.ThreadMXBean tmx, CompilationMXBean cmx, long self)
            throws Exception {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        Map<Long, Long> before = otherThreads(tmx, self, threads);
        Map<Long, Long> truffleBefore = truffleCompilerCpu(tmx, threads);
        long jit0 = cmx.isCompilationTimeMonitoringSupported() ? cmx.getTotalCompilationTime() : 0;
        long t0 = System.nanoTime();
        long a0 = tmx.getCurrentThreadAllocatedBytes();
        long c = w.iteration();
        long a1 = tmx.getCurrentThreadAllocatedBytes();
        long t1 = System.nanoTime();
        long jit1 = cmx.isCompilationTimeMonitoringSupported() ? cmx.getTotalCompilationTime() : 0;
        threads = Thread.getAllStackTraces().keySet();
        long other = growth(before, otherThreads(tmx, self, threads));
        long truffleJitMs = growth(truffleBefore, truffleCompilerCpu(tmx, threads)) / 1_000_000;
        return new Sample(a1 - a0, other, (t1 - t0) / 1_000_000, jit1 - jit0 + truffleJitMs, c);
    }

    /** What the counters of {@code after} gained over {@code before}, per thread (a thread new in {@code after} from 0). */
    private static long growth(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /**
     * CPU time (ns) of Truffle's compiler threads, by thread. Truffle compiles guest code on
     * threads of its own, outside HotSpot's compile broker (which CompilationMXBean times): without
     * them a guest program looks JIT-idle while its call targets are still being compiled.
     */
    private static Map<Long, Long> truffleCompilerCpu(com.sun.management.ThreadMXBean tmx, Set<Thread> threads) {
        Map<Long, Long> m = new HashMap<>();
        for (Thread t : threads) {
            if (t.getName().contains("TruffleCompilerThread")) {
                long ns = tmx.getThreadCpuTime(t.threadId());
                if (ns > 0) {
                    m.put(t.threadId(), ns);
                }
            }
        }
        return m;
    }

    /**
     * Allocated bytes of all other live Java threads that could run workload code (the JIT's own
     * threads are excluded: with jargraal the Graal compiler runs as Java code and allocates).
     */
    private static Map<Long, Long> otherThreads(com.sun.management.ThreadMXBean tmx, long self, Set<Thread> threads) {
        Map<Long, Long> m = new HashMap<>();
        for (Thread t : threads) {
            long id = t.threadId();
            if (id == self) {
                continue;
            }
            String n = t.getName();
            if (n.contains("CompilerThread") || n.startsWith("JVMCI") || n.contains("Compiler")) {
                continue;
            }
            long b = tmx.getThreadAllocatedBytes(id);
            if (b > 0) {
                m.put(id, b);
            }
        }
        return m;
    }

    /**
     * Stable = the trailing window of iterations (at least n iterations and at least minWindowMs of
     * wall time) allocated within tol of each other and the JIT spent at most jitQuiet of that
     * window's wall time compiling.
     */
    private static boolean isStable(List<Long> bytes, List<Long> ms, List<Long> jitMs, int n, long minWindowMs,
            double tol, double jitQuiet) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE, wall = 0, jit = 0;
        int k = bytes.size() - 1, count = 0;
        for (; k >= 0 && (count < n || wall < minWindowMs); k--, count++) {
            min = Math.min(min, bytes.get(k));
            max = Math.max(max, bytes.get(k));
            wall += ms.get(k);
            jit += jitMs.get(k);
        }
        if (count < n || wall < minWindowMs) {
            return false;
        }
        return max - min <= tol * max && jit <= jitQuiet * wall;
    }

    private static Long check(Long expected, long got, String where) {
        if (expected != null && expected != got) {
            System.out.printf(Locale.ROOT, "CHECKSUM MISMATCH at %s: %016x != %016x%n", where, got, expected);
            System.exit(3);
        }
        return got;
    }

    private static String jitName() {
        List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean jvmci = in.contains("-XX:+UseJVMCICompiler");
        return (jvmci ? "graal" : "c2") + " " + String.join(" ", in.stream().filter(a -> a.startsWith("-XX:-") || a.startsWith("-Djdk.graal")).toList());
    }

    private static String defaultCorpus() {
        try {
            Path classes = Path.of(Harness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path c = classes.getParent().resolve("corpus");
            if (Files.isDirectory(c)) {
                return c.toString();
            }
        } catch (Exception ignored) {
        }
        return "target/corpus";
    }
}
