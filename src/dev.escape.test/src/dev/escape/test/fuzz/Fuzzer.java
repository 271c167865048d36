package dev.escape.test.fuzz;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.escape.test.fuzz.Code.Block;
import dev.escape.test.fuzz.Code.Stmt;
import dev.escape.test.fuzz.InMemoryJavac.CompileError;
import dev.escape.test.fuzz.Oracle.Backend;
import dev.escape.test.fuzz.Oracle.Difference;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * Runs the methods of a range of seeds through the {@link Oracle}, a batch of methods per
 * generated class (javac is the slow part), and shrinks each failure to a small reproducer.
 */
final class Fuzzer {
    /** The generated top-level class (each batch gets its own class loader). */
    static final String CLASS = "Fuzz";

    /** One method that failed: its seed, what differed, and a reduced program that still fails. */
    record Failure(long seed, String what, String reproducer) {
    }

    private final List<Backend> backends;
    /** Non-null in feedback mode ({@link FeedbackOracle}): what feedback did, over the methods checked (shrinking not included). */
    private final FeedbackOracle.Stats feedback;
    private final int inputsPerMethod;
    private final int shrinkTrials;
    private final Consumer<String> log;
    private int passed;
    private final List<Failure> failures = new ArrayList<>();
    private final List<Long> graalCannot = new ArrayList<>();

    /**
     * @param inputsPerMethod calls compared per method and backend
     * @param shrinkTrials candidates the shrinker may try per failure (0: no shrinking)
     */
    Fuzzer(List<Backend> backends, int inputsPerMethod, int shrinkTrials, Consumer<String> log) {
        this(backends, null, inputsPerMethod, shrinkTrials, log);
    }

    /** The feedback mode: each method checked by {@link FeedbackOracle}, its phase A on {@code inputsPerMethod} inputs. */
    Fuzzer(FeedbackOracle.Stats feedback, int inputsPerMethod, int shrinkTrials, Consumer<String> log) {
        this(List.of(), feedback, inputsPerMethod, shrinkTrials, log);
    }

    private Fuzzer(List<Backend> backends, FeedbackOracle.Stats feedback, int inputsPerMethod, int shrinkTrials, Consumer<String> log) {
        this.backends = backends;
        this.feedback = feedback;
        this.inputsPerMethod = inputsPerMethod;
        this.shrinkTrials = shrinkTrials;
        this.log = log;
    }

    int passed() {
        return passed;
    }

    List<Failure> failures() {
        return failures;
    }

    /** Seeds whose method Graal's own phase fails to compile (see {@link #graalFails}). */
    List<Long> graalCannot() {
        return graalCannot;
    }

    /** The source of a class holding the prelude and {@code methods}. */
    static Code unit(List<Code> methods) {
        List<Code> members = new ArrayList<>(Prelude.members());
        members.addAll(methods);
        return new Stmt("final class " + CLASS + " #", new Block(members));
    }

    /** Runs the seeds {@code first}, {@code first + 1}, ... {@code first + count - 1}. */
    void run(long first, long count, int batchSize) {
        for (long s = first; s < first + count; s += batchSize) {
            List<Long> seeds = new ArrayList<>();
            for (long k = s; k < Math.min(first + count, s + batchSize); k++) {
                seeds.add(k);
            }
            batch(seeds);
        }
    }

    private void batch(List<Long> seeds) {
        List<Code> methods = seeds.stream().map(seed -> (Code) Generator.method(seed)).toList();
        Class<?> owner;
        try {
            owner = InMemoryJavac.load(CLASS, unit(methods).render());
        } catch (CompileError e) {
            if (seeds.size() == 1) {
                fail(seeds.get(0), "the generator made invalid Java:\n" + e.getMessage(), unit(methods).render());
            } else {
                seeds.forEach(seed -> batch(List.of(seed))); // find the bad seed(s)
            }
            return;
        }
        for (int i = 0; i < seeds.size(); i++) {
            long seed = seeds.get(i);
            Method method = method(owner, Generator.methodName(seed));
            Difference failure = check(method, seed, feedback);
            if (failure == null) {
                passed++;
            } else if (failure.compilationFailed() && graalFails(method, failure)) {
                graalCannot.add(seed);
                log.accept("skipped seed " + Long.toUnsignedString(seed) + ": Graal's own phase cannot compile it either: " + failure.text().lines().findFirst().orElse(""));
            } else {
                fail(seed, failure.text(), shrink(seed, methods.get(i)));
            }
        }
    }

    /**
     * A compilation that Graal's own phase cannot do either is Graal's limitation, not a fault of
     * the phase under test: counted apart, not as a failure.
     */
    static boolean graalFails(Method method, Difference failure) {
        if (failure.backend().equals(Slot.GRAAL.name())) {
            return true;
        }
        try {
            GraalHarness.compile(method, Slot.GRAAL);
            return false;
        } catch (RuntimeException | Error e) {
            return true;
        }
    }

    private void fail(long seed, String what, String reproducer) {
        Failure f = new Failure(seed, what, reproducer);
        failures.add(f);
        log.accept("FAILED seed " + Long.toUnsignedString(seed) + ": " + what + (reproducer == null ? "" : "\n--- reproducer:\n" + reproducer));
    }

    /** What differed when {@code method} (of {@code seed}) ran, or null; feedback mode adds to {@code stats}. */
    private Difference check(Method method, long seed, FeedbackOracle.Stats stats) {
        if (feedback != null) {
            return FeedbackOracle.check(method, FeedbackOracle.phaseA(seed, inputsPerMethod), stats);
        }
        return Oracle.check(method, Oracle.inputs(seed, inputsPerMethod), backends);
    }

    /** Feedback mode? Then reproducers are checked by {@link FeedbackOracle}. */
    boolean feedbackMode() {
        return feedback != null;
    }

    /** The smallest program found that still fails, or null if the method passes alone. */
    private String shrink(long seed, Code method) {
        String name = Generator.methodName(seed);
        Shrinker shrinker = new Shrinker(code -> stillFails(code, name, seed), shrinkTrials);
        Code alone = unit(List.of(method));
        if (!stillFails(alone, name, seed)) {
            return null;
        }
        Code small = shrinkTrials == 0 ? alone : shrinker.shrink(alone);
        log.accept("shrunk seed " + Long.toUnsignedString(seed) + " from " + Code.size(alone) + " to " + Code.size(small) + " nodes in " + shrinker.trials() + " trials");
        return small.render();
    }

    /** True if {@code unit} compiles and its method {@code name}, of {@code seed}, fails this fuzzer's check. */
    private boolean stillFails(Code unit, String name, long seed) {
        return stillFails(unit, name, method -> check(method, seed, new FeedbackOracle.Stats()) != null);
    }

    /** True if {@code unit} compiles and its method {@code name} fails the oracle. */
    static boolean stillFails(Code unit, String name, List<Object[]> inputs, List<Backend> backends) {
        return stillFails(unit, name, method -> Oracle.check(method, inputs, backends) != null);
    }

    /** True if {@code unit} compiles and its method {@code name} {@code fails}. */
    private static boolean stillFails(Code unit, String name, Predicate<Method> fails) {
        Class<?> owner;
        try {
            owner = InMemoryJavac.load(CLASS, unit.render());
        } catch (CompileError e) {
            return false;
        }
        Method method = method(owner, name);
        return method != null && fails.test(method);
    }

    private static Method method(Class<?> owner, String name) {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
