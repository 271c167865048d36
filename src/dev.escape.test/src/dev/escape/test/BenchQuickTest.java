package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/**
 * {@code ./escape bench --quick} as CI runs it inside the test suite: every JIT configuration
 * starts and runs JMH forks, and the tables get a number per benchmark and configuration. One
 * benchmark of each benchmark class keeps this under a minute; {@code ./escape bench --quick}
 * without a filter runs all of them.
 */
class BenchQuickTest {
    private static final List<String> CONFIGS = List.of("escape", "escape-nofeedback", "graal", "graal-noea", "c2", "c2-noea");
    private static final List<String> BENCHMARKS = List.of("Containers.mapLookupFreshKey", "Feedback.identityAfterMerge", "Functional.optionalChain",
                    "Kernels.interpret", "LocksAndExceptions.lockElision", "PartialEscape.escapeRareMerge", "Truffle.eslVectors", "ValueObjects.smallObject");

    @Test
    void quickRunWritesARowPerBenchmarkAndConfiguration(@TempDir Path out) throws Exception {
        String filter = "^dev\\.escape\\.bench\\.(" + String.join("|", BENCHMARKS).replace(".", "\\.") + ")$";
        Result r = ChildProcess.escape("bench", "--quick", "--filter=" + filter, "--out=" + out);
        assertEquals(0, r.exitCode(), r::toString);
        for (String c : CONFIGS) {
            assertTrue(r.stdout().contains("[" + c + " "), () -> "progress names configuration " + c + ":\n" + r);
            assertTrue(Files.size(out.resolve(c + ".json")) > 0, c + ".json");
        }
        assertTrue(r.stdout().contains("left ~"), () -> "progress shows the time left:\n" + r);

        List<String> csv = Files.readAllLines(out.resolve("table.csv"));
        List<String> header = Arrays.asList(csv.get(0).split(",", -1));
        List<String> configs = header.stream().filter(h -> h.endsWith(".ops_per_s")).map(h -> h.substring(0, h.indexOf('.'))).toList();
        assertEquals(CONFIGS, configs);
        List<String> rows = new ArrayList<>();
        Map<String, List<Double>> codeBytes = new HashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            List<String> cells = Arrays.asList(line.split(",", -1));
            assertEquals(header.size(), cells.size(), line);
            if (cells.get(0).equals("geometric mean")) {
                continue;
            }
            rows.add(cells.get(0));
            for (String c : CONFIGS) {
                double ops = Double.parseDouble(cells.get(header.indexOf(c + ".ops_per_s")));
                double bytes = Double.parseDouble(cells.get(header.indexOf(c + ".bytes_per_op")));
                assertTrue(ops > 0 && Double.isFinite(ops), line);
                double jmhBytes = Double.parseDouble(cells.get(header.indexOf(c + ".gc_alloc_rate_norm")));
                double jitBytes = Double.parseDouble(cells.get(header.indexOf(c + ".jit_bytes_per_op")));
                assertTrue(bytes >= 0 && Double.isFinite(bytes), line);
                // The benchmark's own bytes are JMH's number without the JIT compiler threads' share.
                assertTrue(jitBytes >= 0 && jitBytes <= jmhBytes + 1e-6, line);
                assertEquals(Math.max(0, jmhBytes - jitBytes), bytes, 1e-3 * Math.max(1, jmhBytes), line);
                // Deoptimizations and tier-4 compilations from the fork's -Xlog files: the measured
                // iterations' are among the whole fork's.
                for (String count : List.of("deopts", "compilations")) {
                    long measured = Long.parseLong(cells.get(header.indexOf(c + "." + count + "_measured")));
                    long fork = Long.parseLong(cells.get(header.indexOf(c + "." + count + "_fork")));
                    assertTrue(0 <= measured && measured <= fork, line);
                }
                assertTrue(Long.parseLong(cells.get(header.indexOf(c + ".compilations_all_tiers_fork"))) > 0, line);
                // The benchmark's tier-4 code in use at the fork's end, from the code cache's list.
                codeBytes.computeIfAbsent(c, k -> new ArrayList<>()).add(Double.parseDouble(cells.get(header.indexOf(c + ".bench_code_bytes"))));
            }
        }
        assertEquals(BENCHMARKS, rows.stream().sorted().toList());
        // C2 compiles the measured loop within --quick's short iterations; the Graal configurations,
        // compiled by C1 themselves at first, may not have yet (a full run's forks do).
        for (String c : CONFIGS) {
            assertTrue(codeBytes.get(c).stream().allMatch(v -> v >= 0), () -> c + ": bytes of code " + codeBytes.get(c));
        }
        for (String c : List.of("c2", "c2-noea")) {
            assertTrue(codeBytes.get(c).stream().filter(v -> v > 100).count() >= BENCHMARKS.size() / 2, () -> c + ": bytes of code " + codeBytes.get(c));
        }

        String md = Files.readString(out.resolve("table.md"));
        for (String b : BENCHMARKS) {
            assertEquals(6, md.lines().filter(l -> l.startsWith("| " + b + " |")).count(),
                            () -> b + " in the throughput, both allocation, both deoptimization / compilation and the code tables:\n" + md);
        }
        assertTrue(md.contains("## Allocation by the benchmark") && md.contains("## Allocation as JMH reports it"), () -> "both allocation tables:\n" + md);
        assertTrue(md.contains("## Deoptimizations / compilations during the measured iterations") && md.contains("## Deoptimizations / compilations during the whole fork"),
                        () -> "both deoptimization / compilation tables:\n" + md);
        assertTrue(md.contains("ran the analysis named"), () -> "the analysis escape ran is named:\n" + md);
        assertTrue(Files.readString(out.resolve("chart.svg")).contains("<svg"), "chart.svg is an SVG");
    }
}
