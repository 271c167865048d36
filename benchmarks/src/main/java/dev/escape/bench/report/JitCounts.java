package dev.escape.bench.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deoptimizations and compilations per benchmark fork, from the files bench.sh has every fork
 * write into {@code <out>/jit/<config>/}: HotSpot's unified logging
 * ({@code <pid>-deopt.log} from {@code -Xlog:deoptimization=debug}: one line per deoptimization,
 * that is per uncommon trap taken by compiled code; {@code <pid>-jit.log} from
 * {@code -Xlog:jit+compilation=debug}: one line per compilation started, and lines for code "made
 * not entrant"), and {@code <pid>.benchmark} from MeasuredWindowProfiler: the benchmark and the
 * JVM uptime at the start of its first and the end of its last measured iteration, and the size
 * of the benchmark's installed code at the fork's end.
 *
 * <p>
 * Compilations counted are tier 4 ones: C2's, or the JVMCI compiler's (Graal, escape) when it is
 * the JIT, OSR compilations included; C1's tiers 1 to 3 are only in the total of all tiers.
 */
record JitCounts(Count measured, Count fork, long forkAllCompilations, int forks, long benchCodeBytes, int codeForks) {

    /**
     * Deoptimizations and tier-4 compilations of all code in the VM (the JDK's, JMH's, and with
     * JVMCI the compiler's own, which Graal compiles too), and of the benchmark's code among them:
     * methods of dev.escape.bench classes, JMH's generated stubs included.
     */
    record Count(long deopts, long compilations, long benchDeopts, long benchCompilations) {
        Count plus(Count o) {
            return new Count(deopts + o.deopts, compilations + o.compilations, benchDeopts + o.benchDeopts, benchCompilations + o.benchCompilations);
        }

        /** "all deopts / all compilations (benchmark's deopts / benchmark's compilations)". */
        String cell() {
            return deopts + " / " + compilations + " (" + benchDeopts + " / " + benchCompilations + ")";
        }
    }

    /** The uptime decorator: {@code [12.345s]}. */
    private static final Pattern UPTIME = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\]");
    /** A compilation line after the decorators: id, flags (%, s, !, b, n), tier, method (Class::name). */
    private static final Pattern COMPILATION = Pattern.compile("^\\s*\\d+\\s+[%sb!n ]*?(\\d)\\s+(\\S+)");
    /** The compiled method of a deoptimization line: "level=4 pkg.Class.name(sig)". */
    private static final Pattern DEOPT_METHOD = Pattern.compile("level=\\d+ (\\S+)");

    JitCounts plus(JitCounts o) {
        return new JitCounts(measured.plus(o.measured), fork.plus(o.fork), forkAllCompilations + o.forkAllCompilations, forks + o.forks, benchCodeBytes + o.benchCodeBytes,
                        codeForks + o.codeForks);
    }

    /**
     * Bytes of tier-4 code installed for the benchmark's own methods and in use at a fork's end
     * (MeasuredWindowProfiler), the mean over the forks that listed it; NaN when none did.
     */
    double benchCodeBytesPerFork() {
        return codeForks == 0 ? Double.NaN : (double) benchCodeBytes / codeForks;
    }

    /**
     * Per configuration, per short benchmark name, the counts of its forks (summed); configurations
     * without a directory under {@code jitRoot} are absent.
     */
    static Map<String, Map<String, JitCounts>> read(Path jitRoot, List<String> configs) throws IOException {
        Map<String, Map<String, JitCounts>> out = new HashMap<>();
        for (String c : configs) {
            Path dir = jitRoot.resolve(c);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Map<String, JitCounts> byBench = new HashMap<>();
            try (DirectoryStream<Path> forks = Files.newDirectoryStream(dir, "*.benchmark")) {
                for (Path f : forks) {
                    Map<String, String> kv = new HashMap<>();
                    for (String line : Files.readAllLines(f)) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            kv.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                    String pid = f.getFileName().toString().replaceFirst("\\.benchmark$", "");
                    String bench = kv.get("benchmark");
                    if (bench == null) {
                        continue;
                    }
                    JitCounts counts = fork(dir.resolve(pid + "-deopt.log"), dir.resolve(pid + "-jit.log"), seconds(kv.get("window_start_ms")),
                                    seconds(kv.get("window_end_ms")), kv.get("bench_code_bytes"));
                    byBench.merge(Results.shortName(bench), counts, JitCounts::plus);
                }
            }
            out.put(c, byBench);
        }
        return out;
    }

    private static double seconds(String ms) {
        try {
            long v = Long.parseLong(ms == null ? "" : ms.strip());
            return v < 0 ? Double.NaN : v / 1000.0;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The counts of one fork; the window is [start, end] in seconds of uptime (NaN: none measured);
     * {@code codeBytes} as the fork wrote it, or null.
     */
    static JitCounts fork(Path deoptLog, Path jitLog, double start, double end, String codeBytes) throws IOException {
        long[] deopts = new long[4];
        for (String line : lines(deoptLog)) {
            if (line.contains("[deoptimization]")) {
                Matcher m = DEOPT_METHOD.matcher(line);
                tally(deopts, inWindow(line, start, end), m.find() && m.group(1).startsWith(Results.PREFIX));
            }
        }
        long[] compilations = new long[4];
        long all = 0;
        for (String line : lines(jitLog)) {
            int tags = line.indexOf("[jit,compilation]");
            if (tags < 0 || line.contains("made not entrant")) {
                continue;
            }
            Matcher m = COMPILATION.matcher(line.substring(tags + "[jit,compilation]".length()));
            if (!m.find()) {
                continue;
            }
            all++;
            if (m.group(1).equals("4")) {
                tally(compilations, inWindow(line, start, end), m.group(2).startsWith(Results.PREFIX));
            }
        }
        boolean coded = codeBytes != null && codeBytes.strip().matches("\\d+");
        return new JitCounts(new Count(deopts[0], compilations[0], deopts[1], compilations[1]), new Count(deopts[2], compilations[2], deopts[3], compilations[3]), all, 1,
                        coded ? Long.parseLong(codeBytes.strip()) : 0, coded ? 1 : 0);
    }

    /** counts: in the window, of which the benchmark's; in the fork, of which the benchmark's. */
    private static void tally(long[] counts, boolean inWindow, boolean bench) {
        counts[2]++;
        counts[3] += bench ? 1 : 0;
        if (inWindow) {
            counts[0]++;
            counts[1] += bench ? 1 : 0;
        }
    }

    private static List<String> lines(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (Stream<String> s = Files.lines(log)) {
            return s.toList();
        }
    }

    /** The log's uptime stamps have ms precision, as the window's ends. */
    private static boolean inWindow(String line, double start, double end) {
        Matcher m = UPTIME.matcher(line);
        if (!m.find() || Double.isNaN(start) || Double.isNaN(end)) {
            return false;
        }
        double t = Double.parseDouble(m.group(1));
        return t >= start && t <= end;
    }
}
