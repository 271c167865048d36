package dev.escape.test.realworld;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.escape.integration.EscapePhase;
import dev.escape.test.harness.ChildProcess;

/**
 * {@code ./escape realworld}: real third-party programs (ci/realworld, built by the escape script
 * into build/realworld), each run in a loop on one thread under each JIT configuration as a child
 * {@code ./escape java} process. The harness warms a program up until the bytes it allocates per
 * iteration are stable and the JIT is idle (or a cap is reached), measures a few iterations and
 * prints a RESULT line with bytes per iteration and a checksum of the program's output. This driver
 * compares the runs: a program passes when no run failed or crashed, every checksum equals C2's, and
 * escape allocates at most 0.5% more per iteration than Graal's own escape analysis. The escape run
 * writes escape's JSON report, from which the compilations, fallbacks and bailouts are counted: a
 * report without sites ({@code --no-sites}) unless --sites, so that escape compiles as fast as a
 * run without a report (the sites' source positions slow every compilation down; the programs
 * bound by compilation, the JavaScript ones, then allocate more while their functions wait).
 * Writes results.md, results.csv and one log per run into --out. Exit code 0 when every program
 * passes, 1 when not, 2 on bad arguments.
 */
public final class RealWorldCompare {
    static final String USAGE = """
                    usage: ./escape realworld [--quick] [--programs=a,b] [--configs=c2,graal,escape] [--out=DIR] [--no-report] [--sites]
                      --quick        one program (jackson), a short warm-up: checks outputs and crashes in about a minute;
                                     the allocation comparison is only reported (no stable warm-up that fast)
                      --programs=    any of %s (default all)
                      --configs=     JIT configurations of ./escape java (default c2,graal,escape; c2 is the checksum reference)
                      --out=DIR      results.md, results.csv, logs/ and escape's reports (default build/realworld/results)
                      --no-report    run escape without --report (no compilation counts; to check the report changes nothing)
                      --sites        escape's report with every allocation site (default: --no-sites, compilations only;
                                     tracking the sites' source positions slows compilation down)
                    """;

    /** The programs of ci/realworld, in the order they run: the name the harness knows, what it is. */
    static final Map<String, String> PROGRAMS = new LinkedHashMap<>();
    static {
        PROGRAMS.put("javac", "javac (JDK 25) compiling 175 Commons Lang 3.17.0 sources in memory");
        PROGRAMS.put("kotlinc", "kotlinc 2.2.20 (K2) compiling 7 KotlinPoet 1.12.0 sources");
        PROGRAMS.put("jackson", "Jackson 2.18.2 round-tripping a 5 MB JSON document (records, tree, pretty print)");
        PROGRAMS.put("xslt", "Saxon-HE 12.5: XSLT 3.0 grouping and regex over a 6 MB XML document");
        PROGRAMS.put("freemarker", "FreeMarker 2.3.33 rendering an HTML page of the Commons Lang sources");
        PROGRAMS.put("lucene", "Lucene 9.12 indexing the Commons Lang sources and running 206 queries");
        PROGRAMS.put("xz", "XZ for Java 1.10 compressing and decompressing 3.7 MB of sources");
        PROGRAMS.put("acorn", "acorn 8.19.0 (npm) under GraalJS parsing 303 KB of JavaScript (its own and marked's bundles)");
        PROGRAMS.put("marked", "marked 18.3.0 (npm) under GraalJS rendering 170 KB of Markdown to HTML");
        PROGRAMS.put("terser", "terser 5.51.4 (npm) under GraalJS minifying 15 KB of JavaScript (its own lib/minify.js)");
    }

    /** The JavaScript programs: GraalJS (build/realworld/lib-js) joins their class path; Truffle compiles their hot functions. */
    static final Set<String> JS_PROGRAMS = Set.of("acorn", "marked", "terser");
    /** Truffle's own JDK warnings (native access, sun.misc.Unsafe) silenced, as in README's Truffle example. */
    static final List<String> JS_JVM = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    /** The one program of --quick, and its harness arguments: MIN_WARMUP MEASURED MAX_WARMUP MAX_WARMUP_SECONDS. */
    static final String QUICK_PROGRAM = "jackson";
    static final List<String> QUICK_ARGS = List.of("10", "3", "200", "30");
    /** escape may allocate this much more per iteration than graal. */
    static final double ALLOCATION_TOLERANCE = 1.005;

    static final Path BUILD = ChildProcess.ROOT.resolve("build/realworld");
    /** Same heap and GC for every configuration, so that only the JIT differs. */
    static final List<String> JVM = List.of("-Xms2g", "-Xmx4g", "-XX:+UseSerialGC", "-XX:-UseCompactObjectHeaders", "-Xss8m");

    private RealWorldCompare() {
    }

    /**
     * One child run: its exit code, RESULT fields, escape's report counts, wall time, and its
     * deoptimizations and compilations ({@code jit}, null when not logged).
     */
    record Run(String program, String config, int exitCode, boolean timedOut, Map<String, String> result, String failure, long compilations, long fallbacks,
                    long bailouts, boolean reported, double seconds, Path log, JitLog jit) {
        boolean ok() {
            return exitCode == 0 && !timedOut && result != null;
        }

        long bytes() {
            return Long.parseLong(result.get("bytes_per_iter"));
        }

        String checksum() {
            return result.get("checksum");
        }

        /** Seconds per measured iteration. */
        double secondsPerIteration() {
            return Long.parseLong(result.get("avg_ms")) / 1000.0;
        }

        String status() {
            if (timedOut) {
                return "timed out";
            }
            if (failure != null) {
                return failure;
            }
            return exitCode == 0 ? "no RESULT line" : "exit " + exitCode;
        }
    }

    record Options(boolean quick, List<String> programs, List<String> configs, Path out, boolean report, boolean sites) {
    }

    public static void main(String[] args) throws IOException {
        Options o = parse(args);
        if (o == null) {
            System.exit(2);
        }
        System.exit(run(o) ? 0 : 1);
    }

    static Options parse(String[] args) {
        boolean quick = false;
        boolean report = true;
        boolean sites = false;
        List<String> programs = null;
        List<String> configs = List.of("c2", "graal", "escape");
        Path out = BUILD.resolve("results");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--no-report")) {
                report = false;
            } else if (arg.equals("--sites")) {
                sites = true;
            } else if (arg.startsWith("--programs=") && arg.length() > 11) {
                programs = List.of(arg.substring(11).split(","));
                for (String p : programs) {
                    if (!PROGRAMS.containsKey(p)) {
                        return bad("unknown program '" + p + "'");
                    }
                }
            } else if (arg.startsWith("--configs=") && arg.length() > 10) {
                configs = List.of(arg.substring(10).split(","));
                for (String c : configs) {
                    if (!c.matches("[a-z0-9-]+")) {
                        return bad("bad configuration '" + c + "'");
                    }
                }
            } else if (arg.startsWith("--out=") && arg.length() > 6) {
                out = Path.of(arg.substring(6)).toAbsolutePath();
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(String.format(USAGE, PROGRAMS.keySet()));
                System.exit(0);
            } else {
                return bad("bad argument '" + arg + "'");
            }
        }
        if (programs == null) {
            programs = quick ? List.of(QUICK_PROGRAM) : List.copyOf(PROGRAMS.keySet());
        }
        return new Options(quick, programs, configs, out, report, sites);
    }

    private static Options bad(String why) {
        System.err.print("escape realworld: " + why + "\n" + String.format(USAGE, PROGRAMS.keySet()));
        return null;
    }

    static boolean run(Options o) throws IOException {
        Files.createDirectories(o.out.resolve("logs"));
        long start = System.nanoTime();
        List<List<Run>> all = new ArrayList<>();
        int done = 0;
        int total = o.programs.size() * o.configs.size();
        for (String program : o.programs) {
            List<Run> runs = new ArrayList<>();
            for (String config : o.configs) {
                System.out.printf(Locale.ROOT, "[%d/%d] %-10s %-8s elapsed %s ...%n", ++done, total, program, config, minutes(start));
                Run r = runOne(o, program, config);
                runs.add(r);
                System.out.printf(Locale.ROOT, "        %s%n", describe(r));
            }
            all.add(runs);
            System.out.println("        " + verdict(o, runs).line());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String md = markdown(o, all, seconds);
        Files.writeString(o.out.resolve("results.md"), md);
        Files.writeString(o.out.resolve("results.csv"), csv(o, all));
        System.out.println();
        System.out.print(md);
        boolean pass = all.stream().allMatch(runs -> verdict(o, runs).pass());
        System.out.printf(Locale.ROOT, "%nrealworld: %s (%d programs x %d configurations in %.1f min; results in %s)%n", pass ? "PASS" : "FAIL", o.programs.size(),
                        o.configs.size(), seconds / 60, o.out);
        return pass;
    }

    private static String minutes(long start) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** The child's command line (arguments of the escape script). */
    static List<String> command(Options o, String program, String config, Path report) {
        List<String> cmd = new ArrayList<>(List.of("java", "--config=" + config));
        if (report != null) {
            cmd.addAll(List.of("--report=json", "--report-file=" + report));
            if (!o.sites) {
                cmd.add("--no-sites");
            }
        }
        cmd.addAll(JVM);
        cmd.addAll(JitLog.flags(deoptLog(o, program, config), jitLog(o, program, config)));
        // Under c2 and c2-noea Truffle has no compiler (its fallback runtime interprets), nor its compilation options.
        boolean truffleCompiles = JS_PROGRAMS.contains(program) && !config.startsWith("c2");
        cmd.addAll(JitLog.failureFlags(log(o, program, config, "graal"), log(o, program, config, "truffle"), truffleCompiles));
        String classPath = BUILD.resolve("classes") + ":" + BUILD.resolve("lib") + "/*";
        if (JS_PROGRAMS.contains(program)) {
            cmd.addAll(JS_JVM);
            classPath += ":" + BUILD.resolve("lib-js") + "/*";
        }
        cmd.addAll(List.of("-Dwl.config=" + config, "-Dwl.corpus=" + BUILD.resolve("corpus"), "-cp", classPath, "dev.escape.realworld.Harness", program));
        if (o.quick) {
            cmd.addAll(QUICK_ARGS);
        }
        return cmd;
    }

    /** The run's log {@code logs/<program>-<config>-<kind>.log}. */
    static Path log(Options o, String program, String config, String kind) {
        return o.out.resolve("logs/" + program + "-" + config + "-" + kind + ".log");
    }

    /** The run's -Xlog:deoptimization file. */
    static Path deoptLog(Options o, String program, String config) {
        return o.out.resolve("logs/" + program + "-" + config + "-deopt.log");
    }

    /** The run's -Xlog:jit+compilation file. */
    static Path jitLog(Options o, String program, String config) {
        return o.out.resolve("logs/" + program + "-" + config + "-jit.log");
    }

    static Run runOne(Options o, String program, String config) throws IOException {
        Path log = o.out.resolve("logs/" + program + "-" + config + ".log");
        Files.deleteIfExists(deoptLog(o, program, config));
        Files.deleteIfExists(jitLog(o, program, config));
        Path report = config.equals("escape") && o.report ? o.out.resolve("escape-report-" + program + ".json") : null;
        if (report != null) {
            Files.deleteIfExists(report);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildProcess.ROOT.resolve("escape").toString());
        cmd.addAll(command(o, program, config, report));
        Files.writeString(log, "# " + String.join(" ", cmd) + "\n");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(o.out.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("ESCAPE_SKIP_BUILD", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        // The escape script execs java, so this is the program's VM: it must not outlive the driver.
        Thread reaper = new Thread(p::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        p.getOutputStream().close();
        boolean timedOut;
        try {
            timedOut = !p.waitFor(o.quick ? 5 : 25, TimeUnit.MINUTES);
            if (timedOut) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(log);
        Map<String, String> result = null;
        String failure = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("RESULT ")) {
                result = fields(line.substring(7));
            } else if (line.startsWith("CHECKSUM MISMATCH")) {
                failure = "checksum changed between iterations";
            } else if (line.startsWith("# A fatal error has been detected")) {
                failure = "VM crash";
            } else if (failure == null && line.startsWith("Exception in thread \"main\"")) {
                failure = line.substring("Exception in thread \"main\" ".length());
                failure = failure.length() > 160 ? failure.substring(0, 160) + "..." : failure;
            }
        }
        int exit = timedOut ? -1 : p.exitValue();
        long compilations = 0;
        long fallbacks = 0;
        long bailouts = 0;
        boolean reported = false;
        if (report != null && Files.isRegularFile(report)) {
            // Read line by line, not parsed whole: the report is pretty-printed one field per line,
            // and for a JavaScript program (Truffle inlines chains of hundreds of frames) it can
            // exceed what one String holds (acorn's: 3.4 GB at 6b930a4).
            boolean counted = false;
            try (BufferedReader lines = Files.newBufferedReader(report)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String field = line.trim();
                    if (!counted && field.startsWith(SUMMARY_COMPILATIONS)) {
                        compilations = Long.parseLong(field.substring(SUMMARY_COMPILATIONS.length()).replace(",", "").trim());
                        counted = true;
                    } else if (field.startsWith(FALLBACK + "\"")) {
                        if (field.startsWith(FALLBACK + "\"" + EscapePhase.BAILOUT)) {
                            bailouts++;
                        } else {
                            fallbacks++;
                        }
                    }
                }
            }
            reported = true;
        }
        JitLog jit = JitLog.read(deoptLog(o, program, config), jitLog(o, program, config), log(o, program, config, "graal"), log(o, program, config, "truffle"),
                        uptime(result, "measure_start_uptime_ms"),
                        uptime(result, "measure_end_uptime_ms"));
        return new Run(program, config, exit, timedOut, result, failure, compilations, fallbacks, bailouts, reported, seconds, log, jit);
    }

    /** The report's fields the driver reads: the summary's compilation count (its first field of that name), each compilation's fallback. */
    private static final String SUMMARY_COMPILATIONS = "\"compilations\": ";
    private static final String FALLBACK = "\"fallback\": ";

    /** A RESULT field in ms of JVM uptime; -1 when absent. */
    private static long uptime(Map<String, String> result, String field) {
        String v = result == null ? null : result.get(field);
        return v == null || !v.matches("\\d+") ? -1 : Long.parseLong(v);
    }

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    static Map<String, String> fields(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(s);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2));
        }
        return m;
    }

    static String describe(Run r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-8s %5.0f s  ", r.config, r.seconds));
        if (!r.ok()) {
            b.append("FAILED: ").append(r.status()).append(" (log: ").append(ChildProcess.ROOT.relativize(r.log)).append(')');
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "%,.1f MB/iter, checksum %s, %.2f s/iter, %s warm-up iterations%s", r.bytes() / 1e6, r.checksum(), r.secondsPerIteration(),
                        r.result.get("warmup_iters"), "true".equals(r.result.get("stable")) ? " (stable)" : " (not stable: capped)"));
        if (r.reported) {
            b.append(String.format(Locale.ROOT, ", %d compilations recorded, %d fallbacks, %d bailouts", r.compilations, r.fallbacks, r.bailouts));
        }
        if (r.jit != null) {
            b.append(", deopts / tier-4 compilations: ").append(r.jit.measured()).append(" measured, ").append(r.jit.whole()).append(" whole run");
        }
        return b.toString();
    }

    /** A program's verdict: pass, and the reasons when it does not (or notes when it passes). */
    record Verdict(boolean pass, List<String> problems, List<String> notes, String program) {
        String line() {
            String s = program + ": " + (pass ? "PASS" : "FAIL");
            if (!problems.isEmpty()) {
                s += ": " + String.join("; ", problems);
            }
            if (!notes.isEmpty()) {
                s += " (" + String.join("; ", notes) + ")";
            }
            return s;
        }
    }

    static Run find(List<Run> runs, String config) {
        return runs.stream().filter(r -> r.config.equals(config)).findFirst().orElse(null);
    }

    static Verdict verdict(Options o, List<Run> runs) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Run r : runs) {
            if (!r.ok()) {
                problems.add(r.config + " " + r.status());
            }
        }
        Run c2 = find(runs, "c2");
        if (c2 != null && c2.ok()) {
            for (Run r : runs) {
                if (r != c2 && r.ok() && !r.checksum().equals(c2.checksum())) {
                    problems.add(r.config + " checksum " + r.checksum() + " != c2's " + c2.checksum());
                }
            }
        } else if (c2 == null) {
            notes.add("no c2 run: checksums not compared");
        }
        Run graal = find(runs, "graal");
        Run escape = find(runs, "escape");
        if (graal != null && escape != null && graal.ok() && escape.ok()) {
            double ratio = (double) escape.bytes() / graal.bytes();
            if (ratio > ALLOCATION_TOLERANCE) {
                String what = String.format(Locale.ROOT, "escape allocates %.2f%% more than graal per iteration", 100 * (ratio - 1));
                if (o.quick) {
                    notes.add(what + " (not a criterion in --quick)");
                } else {
                    problems.add(what);
                }
            }
        }
        if (graal != null && escape != null && graal.jit != null && escape.jit != null && escape.jit.failedAll() > graal.jit.failedAll()) {
            problems.add("escape: " + escape.jit.failed() + " compilations failed (host + Truffle), graal: " + graal.jit.failed());
        }
        return new Verdict(problems.isEmpty(), problems, notes, runs.get(0).program);
    }

    static String markdown(Options o, List<List<Run>> all, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("# ./escape realworld").append(o.quick ? " --quick" : "").append("\n\n");
        b.append("Bytes allocated per iteration by the program's thread (median of the measured iterations, MB = 10^6 bytes), ");
        b.append("after warming up until allocation is stable and the JIT idle (or the warm-up cap). ");
        b.append("Pass: no failed run, every checksum equals c2's, escape <= graal x ").append(ALLOCATION_TOLERANCE).append(o.quick ? " (reported only in --quick)" : "")
                        .append(".\n\n");
        b.append("| program |");
        for (String c : o.configs) {
            b.append(' ').append(c).append(" MB/iter |");
        }
        b.append(" escape/graal | checksums | escape: compilations, fallbacks, bailouts | s/iter (").append(String.join(", ", o.configs))
                        .append(") | deopts / compilations, measured (").append(String.join("; ", o.configs)).append(") | deopts / compilations, whole run (")
                        .append(String.join("; ", o.configs)).append(") | failed compilations, host + Truffle (").append(String.join("; ", o.configs))
                        .append(") | run time | verdict |\n|---|");
        b.append("---:|".repeat(o.configs.size())).append("---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (List<Run> runs : all) {
            Verdict v = verdict(o, runs);
            b.append("| ").append(runs.get(0).program).append(" |");
            for (Run r : runs) {
                b.append(' ').append(r.ok() ? String.format(Locale.ROOT, "%,.2f%s", r.bytes() / 1e6, "true".equals(r.result.get("stable")) ? "" : "*") : "**" + r.status() + "**")
                                .append(" |");
            }
            Run graal = find(runs, "graal");
            Run escape = find(runs, "escape");
            b.append(' ').append(graal != null && escape != null && graal.ok() && escape.ok() ? String.format(Locale.ROOT, "%.4f", (double) escape.bytes() / graal.bytes()) : "-")
                            .append(" |");
            Run c2 = find(runs, "c2");
            String sums;
            if (c2 == null || !c2.ok()) {
                sums = "-";
            } else {
                List<String> differ = runs.stream().filter(r -> r.ok() && !r.checksum().equals(c2.checksum())).map(Run::config).toList();
                sums = differ.isEmpty() ? "equal (" + c2.checksum() + ")" : "**differ: " + String.join(", ", differ) + "**";
            }
            b.append(' ').append(sums).append(" |");
            b.append(' ').append(escape != null && escape.reported ? escape.compilations + ", " + escape.fallbacks + ", " + escape.bailouts : "-").append(" |");
            b.append(' ').append(String.join(", ", runs.stream().map(r -> r.ok() ? String.format(Locale.ROOT, "%.2f", r.secondsPerIteration()) : "-").toList())).append(" |");
            b.append(' ').append(String.join("; ", runs.stream().map(r -> r.jit == null ? "-" : r.jit.measured()).toList())).append(" |");
            b.append(' ').append(String.join("; ", runs.stream().map(r -> r.jit == null ? "-" : r.jit.whole()).toList())).append(" |");
            b.append(' ').append(String.join("; ", runs.stream().map(r -> r.jit == null ? "-" : r.jit.failed()).toList())).append(" |");
            b.append(' ').append(String.format(Locale.ROOT, "%.0f s", runs.stream().mapToDouble(Run::seconds).sum())).append(" |");
            b.append(' ').append(v.pass ? "PASS" : "**FAIL**: " + String.join("; ", v.problems)).append(v.notes.isEmpty() ? "" : " (" + String.join("; ", v.notes) + ")").append(" |\n");
        }
        b.append("\n`*`: the warm-up reached its cap before allocation was stable. ");
        b.append("Deopts / compilations: deoptimizations (uncommon traps taken by compiled code: failed speculations, runtime feedback's guards) and tier-4 compilations started ")
                        .append("(C2's, or Graal's/escape's through JVMCI, OSR included; recompilations among them) of all code in the VM, from `-Xlog:deoptimization=debug` and ")
                        .append("`-Xlog:jit+compilation=debug` (logs/<program>-<config>-deopt.log, -jit.log), during the measured iterations and during the whole run. ")
                        .append("Failed compilations: host compilations that failed (not bailouts), from Graal's log with `-Djdk.graal.CompilationFailureAction=Print` ")
                        .append("(-graal.log), and Truffle compilations that failed (`opt failed` with `-Dpolyglot.engine.TraceCompilation=true`, -truffle.log; ")
                        .append("Truffle leaves those call targets interpreted); a run where escape has more than graal fails. ");
        if (o.report) {
            b.append("escape's compilations, fallbacks and bailouts come from its JSON report (escape-report-<program>.json)")
                            .append(o.sites ? ", with every allocation site (--sites: source positions tracked, compilations slower). "
                                            : ", written without sites (--no-sites): no source positions are tracked, so escape compiles as fast as without a report. ");
        }
        b.append(String.format(Locale.ROOT, "Total: %.1f min. Logs: logs/<program>-<config>.log.%n", seconds / 60));
        b.append("\nWarm-up per run (iterations, seconds, stable):\n\n");
        for (List<Run> runs : all) {
            for (Run r : runs) {
                if (r.ok()) {
                    b.append(String.format(Locale.ROOT, "- %s %s: %s iterations, %.0f s, %s; run %.0f s%n", r.program, r.config, r.result.get("warmup_iters"),
                                    Long.parseLong(r.result.get("warmup_ms")) / 1000.0, "true".equals(r.result.get("stable")) ? "stable" : "capped", r.seconds));
                }
            }
        }
        return b.toString();
    }

    static String csv(Options o, List<List<Run>> all) {
        StringBuilder b = new StringBuilder("program,config,exit,status,bytes_per_iter,min,max,spread_pct,checksum,checksum_equals_c2,warmup_iters,stable,warmup_ms,avg_ms,compilations,fallbacks,bailouts,deopts_measured,compilations_measured,deopts_run,compilations_run,failed_host,failed_truffle,run_seconds,verdict\n");
        for (List<Run> runs : all) {
            Verdict v = verdict(o, runs);
            Run c2 = find(runs, "c2");
            for (Run r : runs) {
                Map<String, String> m = r.ok() ? r.result : Map.of();
                String eq = c2 == null || !c2.ok() || !r.ok() ? "" : Boolean.toString(r.checksum().equals(c2.checksum()));
                b.append(String.join(",", r.program, r.config, Integer.toString(r.exitCode), r.ok() ? "ok" : r.status().replace(',', ';').replace('"', '\''),
                                m.getOrDefault("bytes_per_iter", ""), m.getOrDefault("min", ""), m.getOrDefault("max", ""), m.getOrDefault("spread_pct", ""), m.getOrDefault("checksum", ""), eq,
                                m.getOrDefault("warmup_iters", ""), m.getOrDefault("stable", ""), m.getOrDefault("warmup_ms", ""), m.getOrDefault("avg_ms", ""),
                                r.reported ? Long.toString(r.compilations) : "", r.reported ? Long.toString(r.fallbacks) : "", r.reported ? Long.toString(r.bailouts) : "",
                                r.jit == null || r.jit.measuredDeopts() < 0 ? "" : Long.toString(r.jit.measuredDeopts()),
                                r.jit == null || r.jit.measuredCompilations() < 0 ? "" : Long.toString(r.jit.measuredCompilations()), r.jit == null ? "" : Long.toString(r.jit.deopts()),
                                r.jit == null ? "" : Long.toString(r.jit.compilations()), r.jit == null ? "" : Long.toString(r.jit.failedHost()),
                                r.jit == null ? "" : Long.toString(r.jit.failedTruffle()), String.format(Locale.ROOT, "%.1f", r.seconds), v.pass ? "pass" : "fail")).append('\n');
            }
        }
        return b.toString();
    }
}
