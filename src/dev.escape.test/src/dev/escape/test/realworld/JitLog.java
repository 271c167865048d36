package dev.escape.test.realworld;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deoptimizations and tier-4 compilations of one child run, counted from the files HotSpot's
 * unified logging writes for the flags of {@link #flags}: {@code -Xlog:deoptimization=debug} writes
 * one line per deoptimization (an uncommon trap taken by compiled code: a failed speculation, or
 * runtime feedback's guard), {@code -Xlog:jit+compilation=debug} one line per compilation started
 * and one per code "made not entrant". Compilations counted are tier 4 ones (C2's, or the JVMCI
 * compiler's: Graal, escape; OSR included); every line is stamped with the JVM's uptime, which the
 * harness's RESULT line gives for the measured iterations too. (benchmarks/ counts the JMH forks'
 * logs the same way, in dev.escape.bench.report.JitCounts.)
 *
 * <p>
 * Failed compilations are counted from two more logs, of {@link #failureFlags}: Graal's log file,
 * where {@code -Djdk.graal.CompilationFailureAction=Print} writes a line per host compilation that
 * failed (not a bailout), and, for Truffle programs, the polyglot engine's log with
 * {@code -Dpolyglot.engine.TraceCompilation=true}, a line {@code opt failed} per Truffle
 * compilation that failed (Truffle then leaves the call target interpreted). A compilation that
 * escape makes fail after its phase (in Graal's lowering, say) is in neither escape's report nor
 * the deoptimization counts: only here.
 *
 * @param deopts deoptimizations during the whole run
 * @param compilations tier-4 compilations during the whole run
 * @param measuredDeopts deoptimizations during the measured iterations (-1: window unknown)
 * @param measuredCompilations tier-4 compilations during the measured iterations (-1: unknown)
 * @param failedHost host compilations that failed (Graal's log)
 * @param failedTruffle Truffle compilations that failed (the engine's log)
 */
record JitLog(long deopts, long compilations, long measuredDeopts, long measuredCompilations, long failedHost, long failedTruffle) {

    /** The uptime decorator: {@code [12.345s]}. */
    private static final Pattern UPTIME = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\]");
    /** A compilation line after the decorators: id, flags (%, s, !, b, n), tier, method. */
    private static final Pattern COMPILATION = Pattern.compile("^\\s*\\d+\\s+[%sb!n ]*?(\\d)\\s+\\S");

    /** The JVM flags that write the two logs (no rotation: a long run keeps every line). */
    static List<String> flags(Path deoptLog, Path jitLog) {
        return List.of("-Xlog:deoptimization=debug:file=" + deoptLog + "::filecount=0", "-Xlog:jit+compilation=debug:file=" + jitLog + "::filecount=0");
    }

    /** The flags that write the logs of failed compilations: Graal's, and with {@code truffle} the engine's. */
    static List<String> failureFlags(Path graalLog, Path truffleLog, boolean truffle) {
        List<String> flags = new ArrayList<>(List.of("-Djdk.graal.CompilationFailureAction=Print", "-Djdk.graal.LogFile=" + graalLog));
        if (truffle) {
            flags.addAll(List.of("-Dpolyglot.engine.TraceCompilation=true", "-Dpolyglot.log.file=" + truffleLog));
        }
        return flags;
    }

    /**
     * Counts the logs; the measured window is [startMs, endMs] of uptime, negative when unknown.
     * Null when the deoptimization log is missing (the VM did not start).
     */
    static JitLog read(Path deoptLog, Path jitLog, Path graalLog, Path truffleLog, long startMs, long endMs) throws IOException {
        if (!Files.isRegularFile(deoptLog)) {
            return null;
        }
        boolean window = startMs >= 0 && endMs >= startMs;
        long deopts = 0;
        long measuredDeopts = 0;
        for (String line : lines(deoptLog)) {
            if (line.contains("[deoptimization]")) {
                deopts++;
                measuredDeopts += window && in(line, startMs, endMs) ? 1 : 0;
            }
        }
        long compilations = 0;
        long measuredCompilations = 0;
        for (String line : lines(jitLog)) {
            int tags = line.indexOf("[jit,compilation]");
            if (tags < 0 || line.contains("made not entrant")) {
                continue;
            }
            Matcher m = COMPILATION.matcher(line.substring(tags + "[jit,compilation]".length()));
            if (m.find() && m.group(1).equals("4")) {
                compilations++;
                measuredCompilations += window && in(line, startMs, endMs) ? 1 : 0;
            }
        }
        long failedHost = lines(graalLog).stream().filter(l -> l.contains(": Compilation of ") && l.contains(" failed")).count();
        long failedTruffle = lines(truffleLog).stream().filter(l -> l.contains("opt failed")).count();
        return new JitLog(deopts, compilations, window ? measuredDeopts : -1, window ? measuredCompilations : -1, failedHost, failedTruffle);
    }

    private static List<String> lines(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (Stream<String> s = Files.lines(log)) {
            return s.toList();
        }
    }

    private static boolean in(String line, long startMs, long endMs) {
        Matcher m = UPTIME.matcher(line);
        if (!m.find()) {
            return false;
        }
        double ms = Double.parseDouble(m.group(1)) * 1000;
        return ms >= startMs && ms <= endMs;
    }

    /** "deopts / compilations" of the whole run. */
    String whole() {
        return deopts + " / " + compilations;
    }

    /** "host + Truffle" failed compilations. */
    String failed() {
        return failedHost + " + " + failedTruffle;
    }

    long failedAll() {
        return failedHost + failedTruffle;
    }

    /** "deopts / compilations" of the measured iterations, "?" when the window is unknown. */
    String measured() {
        return measuredDeopts < 0 ? "?" : measuredDeopts + " / " + measuredCompilations;
    }
}
