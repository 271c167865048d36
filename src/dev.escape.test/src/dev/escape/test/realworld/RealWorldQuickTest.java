package dev.escape.test.realworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;
import dev.escape.test.realworld.RealWorldCompare.Options;
import dev.escape.test.realworld.RealWorldCompare.Run;
import dev.escape.test.realworld.RealWorldCompare.Verdict;

/**
 * {@code ./escape realworld --quick} inside the test suite: one real program (Jackson) under c2,
 * graal and escape with a short warm-up; its output must be the same under all three and no VM may
 * fail. The allocation comparison is only reported in this mode (a short warm-up is not stable
 * enough to hold escape to 0.5%); {@code ./escape realworld} without --quick checks it. The first
 * run fetches the programs from Maven Central into build/realworld. Also the verdict rules, without
 * child processes.
 */
class RealWorldQuickTest {

    @Test
    void quickRunAgreesWithC2(@TempDir Path out) throws Exception {
        Result r = ChildProcess.escape("realworld", "--quick", "--out=" + out);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(RealWorldCompare.QUICK_PROGRAM + ": PASS"), r::toString);
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = Arrays.asList(csv.get(0).split(",", -1));
        assertEquals(4, csv.size(), () -> String.join("\n", csv));
        for (String line : csv.subList(1, csv.size())) {
            List<String> cells = Arrays.asList(line.split(",", -1));
            assertEquals("ok", cells.get(header.indexOf("status")), line);
            assertEquals("true", cells.get(header.indexOf("checksum_equals_c2")), line);
            assertTrue(Long.parseLong(cells.get(header.indexOf("bytes_per_iter"))) > 0, line);
            // Deoptimizations and tier-4 compilations from the run's -Xlog files: the measured
            // iterations' are among the whole run's.
            assertTrue(Long.parseLong(cells.get(header.indexOf("compilations_run"))) > 0, line);
            for (String count : List.of("deopts", "compilations")) {
                long measured = Long.parseLong(cells.get(header.indexOf(count + "_measured")));
                assertTrue(0 <= measured && measured <= Long.parseLong(cells.get(header.indexOf(count + "_run"))), line);
            }
            if (cells.get(header.indexOf("config")).equals("escape")) {
                assertTrue(Long.parseLong(cells.get(header.indexOf("compilations"))) > 0, () -> "escape's report recorded compilations: " + line);
            }
        }
        assertTrue(Files.readString(out.resolve("results.md")).contains("| " + RealWorldCompare.QUICK_PROGRAM + " |"));
        assertTrue(Files.isRegularFile(out.resolve("escape-report-" + RealWorldCompare.QUICK_PROGRAM + ".json")));
    }

    private static Run run(String config, long bytes, String checksum) {
        Map<String, String> result = Map.of("bytes_per_iter", Long.toString(bytes), "checksum", checksum, "avg_ms", "100", "warmup_iters", "20", "stable", "true", "warmup_ms",
                        "2000");
        return new Run("p", config, 0, false, result, null, 0, 0, 0, false, 1, Path.of("p.log"), null);
    }

    private static Options options(boolean quick) {
        return new Options(quick, List.of("p"), List.of("c2", "graal", "escape"), Path.of("out"), true, false);
    }

    @Test
    void verdicts() {
        List<Run> same = List.of(run("c2", 1000, "a"), run("graal", 1000, "a"), run("escape", 1005, "a"));
        assertTrue(RealWorldCompare.verdict(options(false), same).pass(), "0.5% more is within the tolerance");

        List<Run> more = List.of(run("c2", 1000, "a"), run("graal", 1000, "a"), run("escape", 1006, "a"));
        assertFalse(RealWorldCompare.verdict(options(false), more).pass());
        assertTrue(RealWorldCompare.verdict(options(true), more).pass(), "--quick only reports the allocation");

        List<Run> differ = List.of(run("c2", 1000, "a"), run("graal", 1000, "a"), run("escape", 900, "b"));
        assertFalse(RealWorldCompare.verdict(options(true), differ).pass());

        Run crashed = new Run("p", "escape", 134, false, null, "VM crash", 0, 0, 0, false, 1, Path.of("p.log"), null);
        assertFalse(RealWorldCompare.verdict(options(true), List.of(run("c2", 1000, "a"), run("graal", 1000, "a"), crashed)).pass());
        assertTrue(RealWorldCompare.verdict(options(true), List.of(run("c2", 1000, "a"), run("graal", 1000, "a"), crashed)).line().contains("VM crash"));
    }

    /**
     * Failed compilations: counted from Graal's and Truffle's logs, whose flags a run gets (Truffle's
     * only where it compiles: not under c2, where its options do not exist and the VM would stop);
     * escape failing more compilations than graal fails the program.
     */
    @Test
    void failedCompilations() {
        Options o = options(false);
        assertTrue(RealWorldCompare.command(o, "marked", "escape", null).contains("-Dpolyglot.engine.TraceCompilation=true"));
        assertTrue(RealWorldCompare.command(o, "marked", "c2", null).stream().noneMatch(a -> a.startsWith("-Dpolyglot.engine.")));
        assertTrue(RealWorldCompare.command(o, "jackson", "escape", null).contains("-Djdk.graal.CompilationFailureAction=Print"));

        Run graal = withJit(run("graal", 1000, "a"), new JitLog(0, 10, 0, 0, 0, 1));
        Run escape = withJit(run("escape", 1000, "a"), new JitLog(0, 10, 0, 0, 0, 9));
        Verdict v = RealWorldCompare.verdict(o, List.of(run("c2", 1000, "a"), graal, escape));
        assertFalse(v.pass());
        assertTrue(v.line().contains("escape: 0 + 9 compilations failed (host + Truffle), graal: 0 + 1"), v::line);
        assertTrue(RealWorldCompare.verdict(o, List.of(run("c2", 1000, "a"), escape, withJit(run("escape", 1000, "a"), graal.jit()))).pass(),
                        "as many failures as graal, or fewer, pass");
    }

    private static Run withJit(Run r, JitLog jit) {
        return new Run(r.program(), r.config(), r.exitCode(), r.timedOut(), r.result(), r.failure(), r.compilations(), r.fallbacks(), r.bailouts(), r.reported(),
                        r.seconds(), r.log(), jit);
    }

    @Test
    void resultLineFields() {
        Map<String, String> m = RealWorldCompare.fields("workload=javac config=escape bytes_per_iter=228500000 checksum=00ff stable=true");
        assertEquals("228500000", m.get("bytes_per_iter"));
        assertEquals("00ff", m.get("checksum"));
        assertEquals("true", m.get("stable"));
    }
}
