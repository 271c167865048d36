package dev.escape.test.compiletime;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongBiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * How long the escape analysis slot takes and how much it allocates, escape's analyses against
 * Graal's, per corpus method: each method is compiled through the real high tier with each
 * {@link Slot} but NONE, and only the analysis is measured (the rest of the compilation is the same
 * for both), in thread CPU time and thread-allocated bytes. Rounds alternate the order of the
 * slots; the tables show medians.
 *
 * <pre>
 * ./escape compile-time [--runs=N] [--warmup=N] [--filter=REGEX]
 * </pre>
 */
public final class CompileTime {
    /** GRAAL first: the baseline of the ratios. NONE runs nothing, so there is nothing to time. */
    static final List<Slot> SLOTS = Stream.concat(Stream.of(Slot.GRAAL), Arrays.stream(Slot.values()).filter(s -> s != Slot.GRAAL && s != Slot.NONE)).toList();

    /**
     * One corpus method: median analysis CPU time (nanoseconds) and bytes allocated per slot (in
     * {@link #SLOTS} order), whether the slot's analysis fell back to Graal's phase, or why the
     * method failed.
     */
    record Row(String method, long[] medianNanos, long[] medianBytes, boolean[] fellBack, String failure) {
        boolean fellBackAnywhere() {
            for (boolean f : fellBack) {
                if (f) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One measure of the tables: its heading, the divisor of its unit, and a row's value under slot s. */
    private record Measure(String heading, double scale, ToLongBiFunction<Row, Integer> value) {
    }

    private static final List<Measure> MEASURES = List.of(new Measure("CPU time per compilation (µs)", 1e3, (r, s) -> r.medianNanos()[s]),
                    new Measure("Bytes allocated per compilation (KiB: the analysis's garbage and what it keeps)", 1024, (r, s) -> r.medianBytes()[s]));

    private CompileTime() {
    }

    public static void main(String[] args) {
        int runs = 31;
        int warmup = 10;
        Pattern filter = Pattern.compile("");
        try {
            for (String a : args) {
                if (a.startsWith("--runs=")) {
                    runs = positive(a, 1);
                } else if (a.startsWith("--warmup=")) {
                    warmup = positive(a, 0);
                } else if (a.startsWith("--filter=")) {
                    filter = Pattern.compile(a.substring("--filter=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument '" + a + "'; usage: ./escape compile-time [--runs=N] [--warmup=N] [--filter=REGEX]");
                }
            }
        } catch (PatternSyntaxException e) {
            fail("--filter is not a valid regular expression: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        Pattern f = filter;
        List<Method> methods = CorpusMethods.all().stream().filter(m -> f.matcher(CorpusMethods.name(m)).find()).toList();
        if (methods.isEmpty()) {
            fail("--filter matches no corpus method; they are: " + String.join(", ", CorpusMethods.all().stream().map(CorpusMethods::name).toList()));
        }
        List<Row> rows = measure(methods, runs, warmup, System.err);
        System.out.print(table(rows, runs, warmup));
        System.exit(rows.stream().anyMatch(r -> r.failure() != null) ? 1 : 0);
    }

    private static int positive(String arg, int min) {
        String v = arg.substring(arg.indexOf('=') + 1);
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(arg.substring(0, arg.indexOf('=')) + " needs a whole number >= " + min + ", got '" + v + "'");
    }

    private static void fail(String message) {
        System.err.println("compile-time: " + message);
        System.exit(2);
    }

    /** Compiles every method {@code warmup + runs} times per slot; the first {@code warmup} rounds are not kept. */
    static List<Row> measure(List<Method> methods, int runs, int warmup, PrintStream progress) {
        long[][][] samples = new long[methods.size()][SLOTS.size()][runs];
        long[][][] bytes = new long[methods.size()][SLOTS.size()][runs];
        boolean[][] fellBack = new boolean[methods.size()][SLOTS.size()];
        String[] failures = new String[methods.size()];
        for (int round = -warmup; round < runs; round++) {
            progress.printf("compile-time: %s %d/%d over %d methods%n", round < 0 ? "warm-up round" : "round", round < 0 ? round + warmup + 1 : round + 1, round < 0 ? warmup : runs,
                            methods.size());
            for (int m = 0; m < methods.size(); m++) {
                for (int k = 0; k < SLOTS.size() && failures[m] == null; k++) {
                    // Rotate which slot goes first, so that none always follows another.
                    int s = Math.floorMod(round + k, SLOTS.size());
                    try {
                        TimedAnalysis timed = timedCompile(methods.get(m), SLOTS.get(s));
                        fellBack[m][s] |= timed.fellBack();
                        if (round >= 0) {
                            samples[m][s][round] = timed.nanos();
                            bytes[m][s][round] = timed.bytes();
                        }
                    } catch (RuntimeException | Error e) {
                        failures[m] = "failed under " + name(SLOTS.get(s)) + ": " + e.toString().lines().findFirst().orElse("");
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            long[] medians = new long[SLOTS.size()];
            long[] medianBytes = new long[SLOTS.size()];
            for (int s = 0; s < SLOTS.size(); s++) {
                medians[s] = median(samples[m][s]);
                medianBytes[s] = median(bytes[m][s]);
            }
            rows.add(new Row(CorpusMethods.name(methods.get(m)), medians, medianBytes, fellBack[m], failures[m]));
        }
        return rows;
    }

    private static TimedAnalysis timedCompile(Method method, Slot slot) {
        TimedAnalysis[] timed = new TimedAnalysis[1];
        GraalHarness.compile(method, slot, analysis -> timed[0] = new TimedAnalysis(analysis));
        return timed[0];
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String table(List<Row> rows, int runs, int warmup) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Escape analysis per compilation, median of %d runs after %d warm-up rounds%n", runs, warmup));
        for (Measure measure : MEASURES) {
            b.append('\n').append(measure.heading()).append('\n');
            section(b, rows, measure);
        }
        if (rows.stream().anyMatch(r -> r.failure() == null && r.fellBackAnywhere())) {
            b.append("* the analysis handed the graph to Graal's phase (fallback); its numbers include that phase\n");
        }
        return b.toString();
    }

    /** A row per method: the measure under each slot, then each slot's ratio against Graal's; totals. */
    private static void section(StringBuilder b, List<Row> rows, Measure measure) {
        int width = Math.max(24, rows.stream().mapToInt(r -> r.method().length()).max().orElse(0) + 2);
        b.append(String.format(Locale.ROOT, "%-" + width + "s", "method"));
        for (Slot slot : SLOTS) {
            b.append(String.format(Locale.ROOT, " %12s", name(slot)));
        }
        for (Slot slot : SLOTS.subList(1, SLOTS.size())) {
            b.append(String.format(Locale.ROOT, " %12s", name(slot) + "/" + name(SLOTS.get(0))));
        }
        b.append('\n');
        long[] totals = new long[SLOTS.size()];
        double[] logSums = new double[SLOTS.size()];
        int measured = 0;
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-" + width + "s", r.method()));
            if (r.failure() != null) {
                b.append(' ').append(r.failure()).append('\n');
                continue;
            }
            for (int s = 0; s < SLOTS.size(); s++) {
                long v = measure.value().applyAsLong(r, s);
                b.append(String.format(Locale.ROOT, " %11.1f%s", v / measure.scale(), r.fellBack()[s] ? "*" : " "));
                totals[s] += v;
            }
            for (int s = 1; s < SLOTS.size(); s++) {
                double ratio = (double) measure.value().applyAsLong(r, s) / Math.max(1, measure.value().applyAsLong(r, 0));
                b.append(String.format(Locale.ROOT, " %12.2f", ratio));
                logSums[s] += Math.log(ratio);
            }
            b.append('\n');
            measured++;
        }
        if (measured > 0) {
            b.append(String.format(Locale.ROOT, "%-" + width + "s", "total of medians"));
            for (long t : totals) {
                b.append(String.format(Locale.ROOT, " %11.1f ", t / measure.scale()));
            }
            for (int s = 1; s < SLOTS.size(); s++) {
                b.append(String.format(Locale.ROOT, " %12.2f", (double) totals[s] / totals[0]));
            }
            b.append('\n').append(String.format(Locale.ROOT, "%-" + width + "s", "geometric mean of ratios")).append(" ".repeat(13 * SLOTS.size()));
            for (int s = 1; s < SLOTS.size(); s++) {
                b.append(String.format(Locale.ROOT, " %12.2f", Math.exp(logSums[s] / measured)));
            }
            b.append('\n');
        }
    }

    private static String name(Slot slot) {
        return slot.name().toLowerCase(Locale.ROOT);
    }
}
