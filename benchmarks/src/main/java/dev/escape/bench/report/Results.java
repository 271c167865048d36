package dev.escape.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The measurements of one run: per benchmark and configuration, throughput and allocation, read
 * from JMH's JSON result files (one per configuration), with Jackson.
 */
final class Results {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String PREFIX = "dev.escape.bench.";

    /** Measured iterations whose throughput differs by more than this factor make a result unstable. */
    static final double UNSTABLE_SPREAD = 1.5;

    /** JMH's allocation metric: bytes allocated by all threads of the fork, per operation. */
    static final String GC_NORM = "gc.alloc.rate.norm";
    /** The JIT compiler threads' share of it (see JitAllocationProfiler). */
    static final String JIT_NORM = "jit.alloc.norm";

    /**
     * One benchmark under one configuration. {@code jmhBytesPerOp} is JMH's gc.alloc.rate.norm
     * (NaN when gc data is missing), {@code jitBytesPerOp} the JIT compiler threads' share of it
     * (NaN when not measured); {@code spread} is the largest over the smallest throughput of the
     * measured iterations.
     */
    record Cell(double opsPerSecond, double opsError, double jmhBytesPerOp, double jitBytesPerOp, double spread) {
        /** Usually the JIT still compiling during measurement, or a busy machine. */
        boolean unstable() {
            return spread > UNSTABLE_SPREAD;
        }

        /**
         * What the benchmark itself allocates per operation: JMH's number without the JIT
         * compiler's share (both are sampled around the same iterations, so clamp at 0).
         */
        double bytesPerOp() {
            return Double.isNaN(jitBytesPerOp) ? jmhBytesPerOp : Math.max(0, jmhBytesPerOp - jitBytesPerOp);
        }
    }

    final List<String> configs;
    final String baseline;
    final List<String> benchmarks;
    /** benchmark -> configuration -> cell; absent when the benchmark failed or did not run. */
    final Map<String, Map<String, Cell>> cells;
    /** JDK and VM as the forks reported them. */
    final String jdk;
    /**
     * configuration -> benchmark -> deoptimizations and compilations of its forks; empty when the
     * run did not log them (see {@link JitCounts}).
     */
    Map<String, Map<String, JitCounts>> jit = Map.of();

    private Results(List<String> configs, String baseline, List<String> benchmarks, Map<String, Map<String, Cell>> cells, String jdk) {
        this.configs = configs;
        this.baseline = baseline;
        this.benchmarks = benchmarks;
        this.cells = cells;
        this.jdk = jdk;
    }

    /**
     * Reads the result file of each configuration (in order); {@code expected} are full benchmark
     * names that must all appear (more may). A missing file counts as a configuration where
     * every benchmark failed.
     */
    static Results read(Map<String, Path> files, String baseline, List<String> expected) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String e : expected) {
            names.add(shortName(e));
        }
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        String jdk = null;
        for (Map.Entry<String, Path> f : files.entrySet()) {
            if (!Files.isRegularFile(f.getValue())) {
                continue;
            }
            String text = Files.readString(f.getValue());
            if (text.isBlank()) {
                continue;
            }
            for (JsonNode run : JSON.readTree(text)) {
                String name = shortName(run.get("benchmark").textValue());
                names.add(name);
                JsonNode primary = run.path("primaryMetric");
                double ops = number(primary.path("score"));
                double err = number(primary.path("scoreError"));
                JsonNode secondary = run.path("secondaryMetrics");
                double bytes = number(secondary.path(GC_NORM).path("score"));
                double jitBytes = number(secondary.path(JIT_NORM).path("score"));
                cells.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(f.getKey(), new Cell(ops, err, bytes, jitBytes, spread(primary.path("rawData"))));
                if (jdk == null) {
                    jdk = run.path("jdkVersion").asText() + " (" + run.path("vmName").asText() + " " + run.path("vmVersion").asText() + ")";
                }
            }
        }
        List<String> configs = List.copyOf(files.keySet());
        String base = configs.contains(baseline) ? baseline : configs.get(0);
        return new Results(configs, base, new ArrayList<>(names), cells, jdk == null ? "unknown" : jdk);
    }

    /** Whether deoptimizations and compilations were logged for some configuration. */
    boolean jitCounted() {
        return !jit.isEmpty();
    }

    /** The deoptimizations and compilations of a benchmark under a configuration; null when not logged. */
    JitCounts jitCounts(String benchmark, String config) {
        Map<String, JitCounts> row = jit.get(config);
        return row == null ? null : row.get(benchmark);
    }

    /** Whether the JIT compiler's share of the allocation was measured for every result. */
    boolean jitMeasured() {
        return cells.values().stream().flatMap(row -> row.values().stream()).allMatch(c -> !Double.isNaN(c.jitBytesPerOp()));
    }

    /** Largest over smallest iteration score in JMH's rawData (one list per fork); NaN without data. */
    private static double spread(JsonNode rawData) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (JsonNode fork : rawData) {
            for (JsonNode i : fork) {
                double v = number(i);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > 0 && min != Double.POSITIVE_INFINITY ? max / min : Double.NaN;
    }

    static String shortName(String benchmark) {
        return benchmark.startsWith(PREFIX) ? benchmark.substring(PREFIX.length()) : benchmark;
    }

    /** JMH writes a number, or a string such as "NaN" where there is none; NaN when absent. */
    private static double number(JsonNode n) {
        return n.asDouble(Double.NaN);
    }

    Cell cell(String benchmark, String config) {
        Map<String, Cell> row = cells.get(benchmark);
        return row == null ? null : row.get(config);
    }

    /** Benchmark × configuration pairs that have no result, as "Benchmark (config)". */
    List<String> missing() {
        List<String> out = new ArrayList<>();
        for (String b : benchmarks) {
            for (String c : configs) {
                Cell cell = cell(b, c);
                if (cell == null || Double.isNaN(cell.opsPerSecond()) || Double.isNaN(cell.bytesPerOp())) {
                    out.add(b + " (" + c + ")");
                }
            }
        }
        return out;
    }

    /** Results whose measured iterations disagree, as "Benchmark (config)". */
    List<String> unstable() {
        List<String> out = new ArrayList<>();
        for (String b : benchmarks) {
            for (String c : configs) {
                Cell cell = cell(b, c);
                if (cell != null && cell.unstable()) {
                    out.add(b + " (" + c + ")");
                }
            }
        }
        return out;
    }

    /** Benchmarks with a complete result under every configuration: the ones geometric means use. */
    List<String> complete() {
        List<String> out = new ArrayList<>();
        for (String b : benchmarks) {
            boolean all = true;
            for (String c : configs) {
                Cell cell = cell(b, c);
                all &= cell != null && cell.opsPerSecond() > 0 && !Double.isNaN(cell.bytesPerOp());
            }
            if (all) {
                out.add(b);
            }
        }
        return out;
    }

    /** Allocation ratios use B/op + 1, so that 0 B/op compares (0 vs 16 B/op is 1/17). */
    static double bytesRatio(double bytes, double base) {
        return (Math.max(bytes, 0) + 1) / (Math.max(base, 0) + 1);
    }

    /** Geometric mean of throughput over the complete benchmarks. */
    double geomeanOps(String config) {
        List<String> bs = complete();
        double sum = 0;
        for (String b : bs) {
            sum += Math.log(cell(b, config).opsPerSecond());
        }
        return bs.isEmpty() ? Double.NaN : Math.exp(sum / bs.size());
    }

    /** Geometric mean of the benchmark's own B/op; see {@link #geomeanBytes(String, ToDoubleFunction)}. */
    double geomeanBytes(String config) {
        return geomeanBytes(config, Cell::bytesPerOp);
    }

    /** Geometric mean of B/op shifted by 1 B (then shifted back), over the complete benchmarks. */
    double geomeanBytes(String config, ToDoubleFunction<Cell> bytes) {
        List<String> bs = complete();
        double sum = 0;
        for (String b : bs) {
            sum += Math.log(Math.max(bytes.applyAsDouble(cell(b, config)), 0) + 1);
        }
        return bs.isEmpty() ? Double.NaN : Math.exp(sum / bs.size()) - 1;
    }
}
