package dev.escape.test.compiletime;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * How long the escape analysis slot takes, escape's analysis against Graal's, per corpus method:
 * each method is compiled through the real high tier with each {@link Slot}, and only the
 * analysis is timed (the rest of the compilation is the same for both), in thread CPU time. Rounds
 * alternate the order of the slots; the table shows medians.
 *
 * <pre>
 * ./escape compile-time [--runs=N] [--warmup=N] [--filter=REGEX]
 * </pre>
 */
public final class CompileTime {
    static final List<Slot> SLOTS = List.of(Slot.GRAAL, Slot.ESCAPE);

    /** One corpus method: median analysis time per slot (nanoseconds, in {@link #SLOTS} order), or why it failed. */
    record Row(String method, long[] medianNanos, String failure) {
        double ratio() {
            return (double) medianNanos[1] / medianNanos[0];
        }
    }

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
        String[] failures = new String[methods.size()];
        for (int round = -warmup; round < runs; round++) {
            progress.printf("compile-time: %s %d/%d over %d methods%n", round < 0 ? "warm-up round" : "round", round < 0 ? round + warmup + 1 : round + 1, round < 0 ? warmup : runs,
                            methods.size());
            for (int m = 0; m < methods.size(); m++) {
                for (int k = 0; k < SLOTS.size() && failures[m] == null; k++) {
                    // Alternate which slot goes first, so that neither always follows the other.
                    int s = Math.floorMod(round, 2) == 0 ? k : SLOTS.size() - 1 - k;
                    try {
                        long nanos = analysisNanos(methods.get(m), SLOTS.get(s));
                        if (round >= 0) {
                            samples[m][s][round] = nanos;
                        }
                    } catch (RuntimeException | Error e) {
                        failures[m] = "failed under " + SLOTS.get(s).name().toLowerCase(Locale.ROOT) + ": " + e;
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            long[] medians = new long[SLOTS.size()];
            for (int s = 0; s < SLOTS.size(); s++) {
                medians[s] = median(samples[m][s]);
            }
            rows.add(new Row(CorpusMethods.name(methods.get(m)), medians, failures[m]));
        }
        return rows;
    }

    private static long analysisNanos(Method method, Slot slot) {
        TimedAnalysis[] timed = new TimedAnalysis[1];
        GraalHarness.compile(method, slot, analysis -> timed[0] = new TimedAnalysis(analysis));
        return timed[0].nanos();
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String table(List<Row> rows, int runs, int warmup) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Escape analysis CPU time per compilation (µs), median of %d runs after %d warm-up rounds%n", runs, warmup));
        int width = Math.max(24, rows.stream().mapToInt(r -> r.method().length()).max().orElse(0) + 2);
        b.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %14s%n", "method", "graal", "escape", "escape/graal"));
        long[] totals = new long[SLOTS.size()];
        double logSum = 0;
        int measured = 0;
        for (Row r : rows) {
            if (r.failure() != null) {
                b.append(String.format(Locale.ROOT, "%-" + width + "s %s%n", r.method(), r.failure()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-" + width + "s %10.1f %10.1f %14.2f%n", r.method(), r.medianNanos()[0] / 1e3, r.medianNanos()[1] / 1e3, r.ratio()));
            for (int s = 0; s < SLOTS.size(); s++) {
                totals[s] += r.medianNanos()[s];
            }
            logSum += Math.log(r.ratio());
            measured++;
        }
        if (measured > 0) {
            b.append(String.format(Locale.ROOT, "%-" + width + "s %10.1f %10.1f %14.2f%n", "total of medians", totals[0] / 1e3, totals[1] / 1e3, (double) totals[1] / totals[0]));
            b.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %14.2f%n", "geometric mean of ratios", "", "", Math.exp(logSum / measured)));
        }
        return b.toString();
    }
}
