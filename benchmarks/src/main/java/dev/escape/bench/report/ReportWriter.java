package dev.escape.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns the JMH result files of a {@code bench.sh} run into {@code table.md}, {@code table.csv} and
 * {@code chart.svg}, and (for full runs) regenerates {@code RESULTS.md} with a copy of the chart.
 *
 * <pre>
 * java -cp benchmarks.jar dev.escape.bench.report.ReportWriter --out DIR
 *     --config NAME=FILE.json ...   one per configuration, in table order
 *     [--baseline graal]            ratios are against this configuration (else the first)
 *     [--expect FILE]               full benchmark names that must all have results
 *     [--meta KEY=VALUE ...]        mode, jmh, filter, graal, escape, analysis, wall, date: shown in the report
 *     [--jit DIR]                   DIR/CONFIG/: the forks' deoptimization and compilation logs (see JitCounts)
 *     [--results-md PATH]           also write PATH (and PATH's chart next to it)
 * </pre>
 *
 * Exit code 0 when every expected benchmark has a result under every configuration, 1 when some
 * are missing (the tables are still written, with the gaps marked), 2 on bad arguments.
 */
public final class ReportWriter {

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws IOException {
        Path out = null;
        Path expectFile = null;
        Path resultsMd = null;
        Path jitDir = null;
        String baseline = "graal";
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--expect" -> expectFile = Path.of(v);
                case "--results-md" -> resultsMd = Path.of(v);
                case "--jit" -> jitDir = Path.of(v);
                case "--baseline" -> baseline = v;
                case "--config" -> files.put(keyOf(v), Path.of(valueOf(v)));
                case "--meta" -> meta.put(keyOf(v), valueOf(v));
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (out == null || files.isEmpty()) {
            throw new IllegalArgumentException("usage: ReportWriter --out DIR --config NAME=FILE.json... [--baseline NAME] [--expect FILE] [--meta K=V]... [--jit DIR] [--results-md PATH]");
        }
        List<String> expected = expectFile == null ? List.of() : Files.readAllLines(expectFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        Results r = Results.read(files, baseline, expected);
        if (jitDir != null && Files.isDirectory(jitDir)) {
            r.jit = JitCounts.read(jitDir, r.configs);
        }

        Files.createDirectories(out);
        String tables = tables(r);
        String summary = summary(r);
        boolean quick = "quick".equals(meta.get("mode"));
        Files.writeString(out.resolve("table.md"), "# escape benchmarks: " + meta.getOrDefault("mode", "") + " run\n\n" + header(r, meta) + "\n"
                        + (quick ? "Quick mode (smoke test): the numbers are not measurements.\n\n" : summary + "\n\n") + tables);
        Files.writeString(out.resolve("table.csv"), csv(r));
        Files.writeString(out.resolve("chart.svg"), Chart.svg(r, chartTitle(meta)));
        if (resultsMd != null) {
            Path chart = resultsMd.resolveSibling(resultsMd.getFileName().toString().replaceFirst("\\.md$", "") + ".svg");
            Files.copy(out.resolve("chart.svg"), chart, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(resultsMd, resultsMd(r, meta, summary, tables, chart.getFileName().toString()));
        }
        List<String> unstable = r.unstable();
        if (!unstable.isEmpty()) {
            System.err.println("report: warning: " + unstable.size() + " results are unstable (iterations differ by more than " + Results.UNSTABLE_SPREAD
                            + "x; was the machine busy?): " + String.join(", ", unstable));
        }
        List<String> missing = r.missing();
        if (!missing.isEmpty()) {
            System.err.println("report: " + missing.size() + " benchmark results are missing (failed or not run): " + String.join(", ", missing));
            return 1;
        }
        return 0;
    }

    private static String chartTitle(Map<String, String> meta) {
        StringBuilder t = new StringBuilder("escape benchmarks: ").append(meta.getOrDefault("mode", "")).append(" run");
        if (meta.containsKey("date")) {
            t.append(", ").append(meta.get("date"));
        }
        if (meta.containsKey("filter")) {
            t.append(", filter ").append(meta.get("filter"));
        }
        return t.toString();
    }

    private static String keyOf(String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected KEY=VALUE, got '" + kv + "'");
        }
        return kv.substring(0, eq);
    }

    private static String valueOf(String kv) {
        return kv.substring(kv.indexOf('=') + 1);
    }

    // ---------------------------------------------------------------- text

    private static String header(Results r, Map<String, String> meta) {
        StringBuilder b = new StringBuilder();
        line(b, "Date", meta.getOrDefault("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        line(b, "Machine", machine());
        line(b, "JDK", r.jdk);
        line(b, "Graal", meta.get("graal"));
        line(b, "escape", meta.get("escape"));
        line(b, "Analysis", meta.get("analysis"));
        line(b, "JMH", meta.get("jmh"));
        line(b, "Configurations", String.join(", ", r.configs) + "; ratios against " + r.baseline);
        line(b, "Benchmarks", r.benchmarks.size() + (meta.containsKey("filter") ? " (filter `" + meta.get("filter") + "`)" : ""));
        line(b, "Wall time", meta.get("wall"));
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.append("- ").append(key).append(": ").append(value).append('\n');
        }
    }

    /** CPU model, cores, memory and OS of the machine this runs on (the benchmarks ran here too). */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        long mem = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            mem = os.getTotalMemorySize();
        }
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM, %s %s (%s)", cpu, Runtime.getRuntime().availableProcessors(), mem / (1024.0 * 1024 * 1024),
                        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    static String tables(Results r) {
        StringBuilder b = new StringBuilder();
        b.append("## Throughput (ops/s, higher is better; ×ratio against ").append(r.baseline).append(")\n\n");
        table(b, r, null);
        if (r.jitMeasured()) {
            b.append("\n## Allocation by the benchmark (B/op, lower is better; ×ratio against ").append(r.baseline).append(")\n\n")
                            .append("JMH's gc.alloc.rate.norm without the JIT compiler's share: Graal as the JIT is Java code allocating on the same heap, ")
                            .append("so an iteration in which a method is still being compiled counts the compiler's garbage too. ")
                            .append("The compiler threads' bytes are measured per iteration (`-prof ").append(JIT_PROFILER).append("`) and taken off.\n\n");
            table(b, r, Results.Cell::bytesPerOp);
            b.append("\n## Allocation as JMH reports it (gc.alloc.rate.norm, all threads including the JIT compiler's; B/op, ×ratio against ").append(r.baseline)
                            .append(")\n\n");
            table(b, r, Results.Cell::jmhBytesPerOp);
        } else {
            b.append("\n## Allocation (gc.alloc.rate.norm, B/op, lower is better; ×ratio against ").append(r.baseline).append(")\n\n");
            table(b, r, Results.Cell::jmhBytesPerOp);
        }
        b.append("\nGeometric means are over the ").append(r.complete().size()).append(" benchmarks with results under every configuration. ")
                        .append("Allocation ratios and means use B/op + 1, so that 0 B/op compares (0 against 16 B/op is ×0.06). ")
                        .append("`failed` marks a benchmark that produced no result.");
        if (!r.unstable().isEmpty()) {
            b.append(" ⚠ marks an unstable result: its measured iterations differ by more than ").append(Results.UNSTABLE_SPREAD)
                            .append("× in throughput (usually compilation still going on, or a busy machine); its numbers are not to be trusted.");
        }
        b.append('\n');
        if (r.jitCounted()) {
            jitTables(b, r);
        }
        return b.toString();
    }

    /**
     * Two tables of "deoptimizations / tier-4 compilations" per benchmark and configuration: during
     * the measured iterations, and during the whole fork (warm-up and JMH's own code included).
     */
    private static void jitTables(StringBuilder b, Results r) {
        b.append("\n## Deoptimizations / compilations during the measured iterations\n\n")
                        .append("Per fork, from HotSpot's unified logging (`-Xlog:deoptimization=debug`, `-Xlog:jit+compilation=debug`) and the uptime at the start of the first ")
                        .append("and the end of the last measured iteration (`-prof ").append(WINDOW_PROFILER).append("`): deoptimizations are uncommon traps taken by compiled code ")
                        .append("(a failed speculation, or runtime feedback's guard); compilations are tier-4 ones started (C2's, or Graal's/escape's through JVMCI; OSR included), ")
                        .append("recompilations after a deoptimization among them. Each cell is `deoptimizations / compilations` of all code in the VM (the JDK's, JMH's, and under JVMCI ")
                        .append("the compiler's own, which Graal compiles as it warms up), then in parentheses those of the benchmark's code (methods of `").append(Results.PREFIX)
                        .append("*` classes, JMH's generated stubs included). Benchmark code that stays as it was compiled shows `(0 / 0)`; runtime feedback that changes its mind ")
                        .append("shows a deoptimization and a recompilation or a few. ")
                        .append("`-` marks a fork whose counts are missing.\n\n");
        jitTable(b, r, counts -> counts.measured().cell());
        b.append("\n## Deoptimizations / compilations during the whole fork\n\n")
                        .append("The same counts from the fork's start to its end: warm-up, measured iterations and JMH's own code.\n\n");
        jitTable(b, r, counts -> counts.fork().cell());
        codeTable(b, r);
    }

    /**
     * The bytes of the benchmark's installed code per configuration, with the ratio against the
     * baseline, and their geometric mean over {@link #codeBenchmarks}.
     */
    private static void codeTable(StringBuilder b, Results r) {
        b.append("\n## Installed code of the benchmark (bytes, ×ratio against ").append(r.baseline).append(")\n\n")
                        .append("At each fork's end (`-prof ").append(WINDOW_PROFILER).append("`, HotSpot's `Compiler.codelist`): the instructions of the tier-4 code in use ")
                        .append("for methods of `").append(Results.PREFIX).append("*` classes, that is JMH's generated stub that runs the measured loop, with the benchmark ")
                        .append("and what was inlined into it, and benchmark methods compiled on their own; the mean over the forks. JDK methods compiled on their own ")
                        .append("and Truffle's guest code are not in it. `-` marks a fork that did not list its code.\n\n");
        tableHeader(b, r);
        for (String bench : r.benchmarks) {
            b.append("| ").append(bench).append(" |");
            for (String c : r.configs) {
                double v = codeBytes(r, bench, c);
                double base = codeBytes(r, bench, r.baseline);
                b.append(' ').append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v));
                if (!c.equals(r.baseline) && v > 0 && base > 0) {
                    b.append(" (×").append(ratio(v / base)).append(')');
                }
                b.append(" |");
            }
            b.append('\n');
        }
        b.append("| **geometric mean** |");
        for (String c : r.configs) {
            b.append(" **").append(String.format(Locale.ROOT, "%,.0f", codeGeomean(r, c)));
            if (!c.equals(r.baseline)) {
                b.append(" (×").append(ratio(codeGeomean(r, c) / codeGeomean(r, r.baseline))).append(')');
            }
            b.append("** |");
        }
        b.append("\n\nGeometric means are over the ").append(codeBenchmarks(r).size()).append(" benchmarks with installed code under every configuration.\n");
    }

    private static double codeBytes(Results r, String bench, String config) {
        JitCounts counts = r.jitCounts(bench, config);
        return counts == null ? Double.NaN : counts.benchCodeBytesPerFork();
    }

    /** The benchmarks with installed code (more than 0 bytes) under every configuration. */
    private static List<String> codeBenchmarks(Results r) {
        return r.benchmarks.stream().filter(bench -> r.configs.stream().allMatch(c -> codeBytes(r, bench, c) > 0)).toList();
    }

    private static double codeGeomean(Results r, String config) {
        List<String> benches = codeBenchmarks(r);
        return Math.exp(benches.stream().mapToDouble(bench -> Math.log(codeBytes(r, bench, config))).sum() / benches.size());
    }

    /** "Installed code of the benchmarks' own methods (geometric mean over N): `c` ×ratio, ...". */
    private static String codeSummary(Results r) {
        List<String> parts = new ArrayList<>();
        for (String c : r.configs) {
            if (!c.equals(r.baseline)) {
                parts.add("`" + c + "` ×" + ratio(codeGeomean(r, c) / codeGeomean(r, r.baseline)));
            }
        }
        return "Installed code of the benchmarks' own methods relative to `" + r.baseline + "` (geometric mean over " + codeBenchmarks(r).size() + "): "
                        + String.join(", ", parts) + ".";
    }

    private static void jitTable(StringBuilder b, Results r, Function<JitCounts, String> cell) {
        tableHeader(b, r);
        for (String bench : r.benchmarks) {
            b.append("| ").append(bench).append(" |");
            for (String c : r.configs) {
                JitCounts counts = r.jitCounts(bench, c);
                b.append(' ').append(counts == null ? "-" : cell.apply(counts)).append(" |");
            }
            b.append('\n');
        }
    }

    /** A table's header: a column per configuration, numbers aligned right. */
    private static void tableHeader(StringBuilder b, Results r) {
        b.append("| Benchmark |");
        for (String c : r.configs) {
            b.append(' ').append(c).append(" |");
        }
        b.append("\n|---|").append("---:|".repeat(r.configs.size())).append('\n');
    }

    /** The profiler that notes the measured iterations' window, for the deoptimization and compilation counts. */
    static final String WINDOW_PROFILER = "dev.escape.bench.profile.MeasuredWindowProfiler";

    /** The profiler that measures the JIT compiler's share of the allocation. */
    static final String JIT_PROFILER = "dev.escape.bench.profile.JitAllocationProfiler";

    /** A table of throughput ({@code bytes == null}) or of the given B/op of each cell. */
    private static void table(StringBuilder b, Results r, ToDoubleFunction<Results.Cell> bytes) {
        boolean ops = bytes == null;
        tableHeader(b, r);
        for (String bench : r.benchmarks) {
            b.append("| ").append(bench).append(" |");
            Results.Cell base = r.cell(bench, r.baseline);
            for (String c : r.configs) {
                Results.Cell cell = r.cell(bench, c);
                b.append(' ');
                if (cell == null) {
                    b.append("failed");
                } else if (ops) {
                    b.append(formatOps(cell.opsPerSecond())).append(cell.unstable() ? " ⚠" : "");
                    if (!c.equals(r.baseline) && base != null && base.opsPerSecond() > 0) {
                        b.append(" (×").append(ratio(cell.opsPerSecond() / base.opsPerSecond())).append(')');
                    }
                } else {
                    double v = bytes.applyAsDouble(cell);
                    b.append(formatBytes(v));
                    if (!c.equals(r.baseline) && base != null && !Double.isNaN(bytes.applyAsDouble(base)) && !Double.isNaN(v)) {
                        b.append(" (×").append(ratio(Results.bytesRatio(v, bytes.applyAsDouble(base)))).append(')');
                    }
                }
                b.append(" |");
            }
            b.append('\n');
        }
        b.append("| **geometric mean** |");
        for (String c : r.configs) {
            b.append(" **");
            if (ops) {
                double g = r.geomeanOps(c);
                b.append(formatOps(g));
                if (!c.equals(r.baseline)) {
                    b.append(" (×").append(ratio(g / r.geomeanOps(r.baseline))).append(')');
                }
            } else {
                double g = r.geomeanBytes(c, bytes);
                b.append(formatBytes(g));
                if (!c.equals(r.baseline)) {
                    b.append(" (×").append(ratio(Results.bytesRatio(g, r.geomeanBytes(r.baseline, bytes)))).append(')');
                }
            }
            b.append("** |");
        }
        b.append('\n');
    }

    static String formatOps(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        String[] units = {"", " k", " M", " G", " T"};
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, units[u]);
    }

    static String formatBytes(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v < 0.005) {
            return "0";
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 1000 ? "%.1f" : "%.0f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    /** Two or three sentences on what the numbers show, derived from them. */
    static String summary(Results r) {
        List<String> bs = r.complete();
        if (bs.isEmpty()) {
            return "No benchmark has results under every configuration, so there is nothing to compare.";
        }
        StringBuilder b = new StringBuilder();
        b.append("Over ").append(bs.size()).append(" benchmarks, the geometric mean allocation ").append(r.jitMeasured() ? "by the benchmark (JIT compiler's share taken off) " : "")
                        .append("is ");
        List<String> parts = new ArrayList<>();
        for (String c : r.configs) {
            parts.add("`" + c + "` " + formatBytes(r.geomeanBytes(c)) + " B/op");
        }
        b.append(String.join(", ", parts)).append(". ");
        String subject = r.configs.contains("escape") && !r.baseline.equals("escape") ? "escape"
                        : r.configs.stream().filter(c -> !c.equals(r.baseline)).findFirst().orElse(null);
        if (subject != null) {
            b.append('`').append(subject).append("` allocates ").append(comparison(r, bs, subject, Results.Cell::bytesPerOp)).append(". ");
            if (r.jitMeasured()) {
                b.append("Counted as JMH's gc.alloc.rate.norm, with the JIT compiler's own allocations in it, `").append(subject).append("` allocates ")
                                .append(comparison(r, bs, subject, Results.Cell::jmhBytesPerOp)).append(". ");
            }
        }
        b.append("Throughput relative to `").append(r.baseline).append("` (geometric mean): ");
        parts.clear();
        for (String c : r.configs) {
            if (!c.equals(r.baseline)) {
                parts.add("`" + c + "` ×" + ratio(r.geomeanOps(c) / r.geomeanOps(r.baseline)));
            }
        }
        b.append(String.join(", ", parts)).append('.');
        if (r.jitCounted()) {
            b.append(' ').append(deoptSummary(r));
            if (!codeBenchmarks(r).isEmpty()) {
                b.append(' ').append(codeSummary(r));
            }
        }
        return b.toString();
    }

    /**
     * The deoptimizations and tier-4 compilations of the benchmarks' own code during the measured
     * iterations, summed per configuration, with the benchmarks that deoptimized: a deoptimization
     * storm shows here first.
     */
    private static String deoptSummary(Results r) {
        List<String> parts = new ArrayList<>();
        for (String c : r.configs) {
            long total = 0;
            long compilations = 0;
            List<String> where = new ArrayList<>();
            for (String bench : r.benchmarks) {
                JitCounts counts = r.jitCounts(bench, c);
                if (counts != null) {
                    total += counts.measured().benchDeopts();
                    compilations += counts.measured().benchCompilations();
                    if (counts.measured().benchDeopts() > 0) {
                        where.add(bench + " " + counts.measured().benchDeopts());
                    }
                }
            }
            String in = where.isEmpty() ? "" : " (deoptimized: " + String.join(", ", where.subList(0, Math.min(5, where.size()))) + (where.size() > 5 ? ", ..." : "") + ")";
            parts.add("`" + c + "` " + total + " / " + compilations + in);
        }
        return "Deoptimizations / tier-4 compilations of the benchmarks' own code during the measured iterations, in all: " + String.join("; ", parts) + ".";
    }

    /**
     * "less than `baseline` in N (examples), more in M (examples), and about the same in the other
     * K": how {@code subject} allocates, by the given B/op.
     */
    private static String comparison(Results r, List<String> bs, String subject, ToDoubleFunction<Results.Cell> bytes) {
        List<String> less = new ArrayList<>();
        List<String> more = new ArrayList<>();
        for (String bench : bs) {
            double s = bytes.applyAsDouble(r.cell(bench, subject));
            double g = bytes.applyAsDouble(r.cell(bench, r.baseline));
            double threshold = Math.max(2, 0.1 * Math.max(s, g));
            if (s < g - threshold) {
                less.add(bench);
            } else if (s > g + threshold) {
                more.add(bench);
            }
        }
        Comparator<String> byGap = Comparator
                        .comparingDouble(bench -> -Math.abs(Math.log(Results.bytesRatio(bytes.applyAsDouble(r.cell(bench, subject)), bytes.applyAsDouble(r.cell(bench, r.baseline))))));
        less.sort(byGap);
        more.sort(byGap);
        return "less than `" + r.baseline + "` in " + less.size() + examples(r, less, subject, bytes) + ", more in " + more.size()
                        + examples(r, more, subject, bytes) + ", and about the same (within 2 B or 10%) in the other " + (bs.size() - less.size() - more.size());
    }

    private static String examples(Results r, List<String> benches, String subject, ToDoubleFunction<Results.Cell> bytes) {
        if (benches.isEmpty()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (String bench : benches.subList(0, Math.min(3, benches.size()))) {
            shown.add(bench + " " + formatBytes(bytes.applyAsDouble(r.cell(bench, r.baseline))) + " → " + formatBytes(bytes.applyAsDouble(r.cell(bench, subject))));
        }
        return " (" + (benches.size() > shown.size() ? "largest: " : "") + String.join("; ", shown) + ")";
    }

    /**
     * Per benchmark and configuration: throughput, its error and ratio, the benchmark's own B/op and
     * its ratio, then JMH's gc.alloc.rate.norm and the JIT compiler's share of it (empty when not
     * measured), then the deoptimization and compilation counts ({@link #CSV_COLUMNS}).
     */
    static String csv(Results r) {
        StringBuilder b = new StringBuilder("benchmark");
        for (String c : r.configs) {
            for (String column : CSV_COLUMNS) {
                b.append(',').append(c).append('.').append(column);
            }
        }
        b.append('\n');
        for (String bench : r.benchmarks) {
            b.append(bench);
            Results.Cell base = r.cell(bench, r.baseline);
            for (String c : r.configs) {
                Results.Cell cell = r.cell(bench, c);
                if (cell == null) {
                    b.append(",".repeat(CSV_COLUMNS.size()));
                    continue;
                }
                b.append(',').append(num(cell.opsPerSecond())).append(',').append(num(cell.opsError())).append(',')
                                .append(base == null ? "" : num(cell.opsPerSecond() / base.opsPerSecond())).append(',').append(num(cell.bytesPerOp())).append(',')
                                .append(base == null ? "" : num(Results.bytesRatio(cell.bytesPerOp(), base.bytesPerOp()))).append(',').append(num(cell.jmhBytesPerOp()))
                                .append(',').append(num(cell.jitBytesPerOp()));
                JitCounts counts = r.jitCounts(bench, c);
                if (counts == null) {
                    b.append(",".repeat(JIT_CSV_COLUMNS));
                } else {
                    for (JitCounts.Count n : List.of(counts.measured(), counts.fork())) {
                        b.append(',').append(n.deopts()).append(',').append(n.compilations()).append(',').append(n.benchDeopts()).append(',').append(n.benchCompilations());
                    }
                    b.append(',').append(counts.forkAllCompilations()).append(',').append(num(counts.benchCodeBytesPerFork()));
                }
            }
            b.append('\n');
        }
        b.append("geometric mean");
        for (String c : r.configs) {
            b.append(',').append(num(r.geomeanOps(c))).append(",,").append(num(r.geomeanOps(c) / r.geomeanOps(r.baseline))).append(',').append(num(r.geomeanBytes(c))).append(',')
                            .append(num(Results.bytesRatio(r.geomeanBytes(c), r.geomeanBytes(r.baseline)))).append(',')
                            .append(num(r.geomeanBytes(c, Results.Cell::jmhBytesPerOp))).append(',').append(",".repeat(JIT_CSV_COLUMNS));
        }
        b.append('\n');
        return b.toString();
    }

    /**
     * The CSV's columns per configuration. The last ten are from the forks' logs (see
     * {@link JitCounts}), empty when not logged: deoptimizations and tier-4 compilations during the
     * measured iterations, of all code and of the benchmark's ("bench_"), the same during the whole
     * fork, the fork's compilations of every tier, and the bytes of the benchmark's installed code.
     */
    static final List<String> CSV_COLUMNS = List.of("ops_per_s", "ops_error", "ops_ratio", "bytes_per_op", "bytes_ratio", "gc_alloc_rate_norm", "jit_bytes_per_op",
                    "deopts_measured", "compilations_measured", "bench_deopts_measured", "bench_compilations_measured", "deopts_fork", "compilations_fork", "bench_deopts_fork",
                    "bench_compilations_fork", "compilations_all_tiers_fork", "bench_code_bytes");
    /** How many of the CSV's columns come from the forks' logs. */
    static final int JIT_CSV_COLUMNS = 10;

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String resultsMd(Results r, Map<String, String> meta, String summary, String tables, String chart) {
        return "# Benchmark results\n\n"
                        + "<!-- Written by `./escape bench` (benchmarks/bench.sh) after a full run: do not edit by hand. -->\n\n"
                        + "The latest full run of `./escape bench`: JMH benchmarks of allocation patterns that escape analysis is about "
                        + "(sources in `src/main/java/dev/escape/bench/`), each run in its own JVM under every JIT configuration, with `-prof gc`.\n\n"
                        + header(r, meta) + "\n## What it shows\n\n" + summary + "\n\n## Chart\n\n![B/op and throughput ratios per benchmark and configuration](" + chart + ")\n\n"
                        + tables;
    }
}
