package dev.escape.test.fuzz;

import java.util.ArrayList;
import java.util.List;

import dev.escape.test.fuzz.Oracle.Backend;
import dev.escape.test.harness.Slot;

/**
 * The long mode of the fuzzer ({@code ./escape fuzz}): generates and checks the methods of a seed
 * range, prints progress, each failure with its reduced reproducer, and a summary line. Exit code
 * 0 when all passed, 1 when some failed, 2 on bad arguments.
 */
public final class FuzzMain {
    private static final String USAGE = "usage: ./escape fuzz [--seeds=N] [--start=S] [--inputs=K] [--batch=B] [--slots=ESCAPE,GRAAL] [--shrink=TRIALS] [--feedback] [--save] [--print]";

    private static final String HELP = """
                      --seeds=N        how many methods to generate and check (default 1000)
                      --start=S        the first seed (default 1); method k comes from seed S+k alone
                      --inputs=K       calls compared per method and compiled variant (default 4)
                      --batch=B        methods per generated class (default 25)
                      --slots=LIST     what compiles: ESCAPE, GRAAL, NONE (default ESCAPE,GRAAL)
                      --shrink=TRIALS  candidates the shrinker may try per failure (default 400, 0: off)
                      --feedback       runtime feedback mode: each method compiled with escape's feedback on, run with
                                       the seed's inputs (phase A; --inputs=K of them, default 2) until feedback ends the code
                                       and recompiles it with speculations, then with the other inputs of the pool (phase B),
                                       which make those speculations fail; every call compared with the interpreter
                      --save           save reduced reproducers as regression tests (src/dev.escape.test/fuzz-regressions,
                                       feedback mode: its feedback/ directory)
                      --print          print the generated class instead of running it""";

    private FuzzMain() {
    }

    public static void main(String[] args) {
        long seeds = 1000;
        long start = 1;
        int inputs = -1; // 4, or 2 in feedback mode
        int batch = 25;
        int shrink = 400;
        boolean print = false;
        Coverage coverage = new Coverage();
        boolean save = false;
        boolean feedback = false;
        List<Backend> backends = new ArrayList<>();
        try {
            for (String arg : args) {
                if (arg.equals("--help")) {
                    System.out.println(USAGE + "\n" + HELP);
                    return;
                }
                if (arg.equals("--print") || arg.equals("--save") || arg.equals("--feedback")) {
                    print |= arg.equals("--print");
                    save |= arg.equals("--save");
                    feedback |= arg.equals("--feedback");
                    continue;
                }
                String[] kv = arg.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
                switch (kv[0]) {
                    case "--seeds" -> seeds = number(kv, 1);
                    case "--start" -> start = number(kv, Long.MIN_VALUE);
                    case "--inputs" -> inputs = (int) Math.min(number(kv, 1), 1000);
                    case "--batch" -> batch = (int) Math.min(number(kv, 1), 1000);
                    case "--shrink" -> shrink = (int) Math.min(number(kv, 0), 1_000_000);
                    case "--slots" -> {
                        for (String s : kv[1].split(",")) {
                            backends.add(Oracle.graal(slot(s), coverage));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + kv[0] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("escape fuzz: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        if (print) { // the generated source only, e.g. to read what a seed does
            List<Code> methods = new ArrayList<>();
            for (long s = start; s < start + seeds; s++) {
                methods.add(Generator.method(s));
            }
            System.out.println(Fuzzer.unit(methods).render());
            return;
        }
        if (feedback && !backends.isEmpty()) {
            System.err.println("escape fuzz: --feedback compiles with escape's slot only: no --slots\n" + USAGE);
            System.exit(2);
        }
        if (inputs < 0) {
            inputs = feedback ? 2 : 4;
        }
        if (backends.isEmpty()) {
            backends = List.of(Oracle.graal(Slot.ESCAPE, coverage), Oracle.graal(Slot.GRAAL, coverage));
        }
        FeedbackOracle.Stats stats = feedback ? new FeedbackOracle.Stats() : null;
        int status = run(start, seeds, inputs, batch, shrink, backends, stats, save);
        if (stats != null) {
            System.out.println("feedback: " + stats + "; " + Oracle.RECOMPILED + " recompilations after code was invalidated by a deopt");
        } else {
            System.out.println("coverage: " + coverage + "; " + Oracle.RECOMPILED + " recompilations after code was invalidated by a deopt");
        }
        System.exit(status);
    }

    private static long number(String[] kv, long min) {
        long v;
        try {
            v = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kv[0] + " needs a whole number, not '" + kv[1] + "'");
        }
        if (v < min) {
            throw new IllegalArgumentException(kv[0] + " must be at least " + min + ", not " + v);
        }
        return v;
    }

    private static Slot slot(String name) {
        for (Slot s : Slot.values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown slot '" + name + "' (known: " + java.util.Arrays.toString(Slot.values()) + ")");
    }

    private static int run(long start, long seeds, int inputs, int batch, int shrink, List<Backend> backends, FeedbackOracle.Stats feedback, boolean save) {
        Fuzzer fuzzer;
        if (feedback != null) {
            System.out.printf("escape fuzz: seeds %d..%d, feedback mode: phase A on %d inputs, phase B on the pool's others, then all%n", start, start + seeds - 1, inputs);
            fuzzer = new Fuzzer(feedback, inputs, shrink, System.out::println);
        } else {
            System.out.printf("escape fuzz: seeds %d..%d, %d inputs each, backends %s%n", start, start + seeds - 1, inputs, backends.stream().map(Backend::name).toList());
            fuzzer = new Fuzzer(backends, inputs, shrink, System.out::println);
        }
        long began = System.nanoTime();
        for (long s = start; s < start + seeds; s += batch) {
            long n = Math.min(batch, start + seeds - s);
            fuzzer.run(s, n, batch);
            double secs = (System.nanoTime() - began) / 1e9;
            System.out.printf("  seeds %d..%d done: %d passed, %d failed, %d skipped (%.0f s, %.2f s/method)%s%n", start, s + n - 1, fuzzer.passed(), fuzzer.failures().size(),
                            fuzzer.graalCannot().size(), secs, secs / (s + n - start), feedback == null ? "" : "; " + feedback.speculated() + " with speculations, " + feedback.failed() + " failed");
        }
        System.out.println(fuzzer.passed() + " passed, " + fuzzer.failures().size() + " failed");
        if (!fuzzer.graalCannot().isEmpty()) {
            System.out.println(fuzzer.graalCannot().size() + " skipped: Graal's own phase cannot compile them either (seeds " + fuzzer.graalCannot() + ")");
        }
        for (Fuzzer.Failure f : fuzzer.failures()) {
            System.out.println("  failed: seed " + f.seed() + " (rerun: ./escape fuzz" + (feedback != null ? " --feedback --inputs=" + inputs : "") + " --seeds=1 --start=" + f.seed() + ")");
            if (save && f.reproducer() != null) {
                System.out.println("  saved " + Regressions.save(f, feedback != null));
            }
        }
        return fuzzer.failures().isEmpty() ? 0 : 1;
    }
}
