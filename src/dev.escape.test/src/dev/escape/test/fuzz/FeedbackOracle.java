package dev.escape.test.fuzz;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.escape.feedback.Feedback;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;
import dev.escape.integration.EscapeCompilerConfiguration;
import dev.escape.test.fuzz.Oracle.Difference;
import dev.escape.test.fuzz.Oracle.Observation;
import dev.escape.test.fuzz.Oracle.Runner;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.phases.tiers.Suites;

/**
 * The fuzzer's feedback mode ({@code ./escape fuzz --feedback}): runtime feedback
 * ({@code dev.escape.feedback}) must not change what a method computes while its code is
 * instrumented, ended by the feedback monitor, compiled again with speculations, and deoptimized
 * when they fail. A method runs in two phases, and every call is compared with the interpreter
 * (result or exception, sink, counter), as in {@link Oracle}:
 * <ol>
 * <li><b>A</b>: compiled with feedback on ({@link GraalHarness#feedbackOptions()}: windows of
 * {@link GraalHarness#FEEDBACK_SAMPLES} runs; escape's slot, escape's inlining policy, the
 * method's own speculation log), the code runs the seed's inputs (as the fuzzer generates them: a
 * few of the pool) {@code 2 * FEEDBACK_SAMPLES} times in all; then the monitor judges
 * ({@link Feedback#pollNow()}), and one more call ends the code if it found materializations that
 * never ran next to hot ones at a merge, or a hot call. Paths those inputs never take are what
 * feedback speculates away in the next compilation.</li>
 * <li><b>B</b>: the inputs of the pool that phase A lacks, which take other branches: speculating
 * code deoptimizes where they reach a speculated path (the speculation fails), the method is
 * compiled again without speculation, and then every input of the pool runs once more.</li>
 * </ol>
 * The interpreter's results are taken before the first compilation: the method has no profile
 * yet, so Graal's parser cuts no branch as never taken; which paths are cold is feedback's to find.
 */
final class FeedbackOracle {
    static final String NAME = "ESCAPE+feedback";

    /** Compilations phase A may take before it stops early: a method that invalidates its own code (deoptimizeAndInvalidate) would compile on every call. */
    private static final int PHASE_A_COMPILES = 4;

    /** escape's configuration inlines with escape's policy, which inlines the calls feedback found hot. */
    private static final Consumer<Suites> ESCAPE_INLINING = suites -> EscapeCompilerConfiguration.useEscapeInlining(suites.getHighTier());

    /** What feedback did in the methods checked: the fuzzer prints it, so that a run shows the mode tested something. */
    static final class Stats {
        private long methods;
        private long instrumented;
        private long speculated;
        private long failed;
        private long inlined;
        private long compilations;

        synchronized void add(List<MethodFeedback> feedback, int compiles) {
            methods++;
            compilations += compiles;
            instrumented += feedback.stream().anyMatch(f -> !f.counted().isEmpty()) ? 1 : 0;
            speculated += has(feedback, FeedbackEvent.Kind.SPECULATED) ? 1 : 0;
            failed += has(feedback, FeedbackEvent.Kind.FAILED) ? 1 : 0;
            inlined += has(feedback, FeedbackEvent.Kind.INLINED) ? 1 : 0;
        }

        private static boolean has(List<MethodFeedback> feedback, FeedbackEvent.Kind kind) {
            return feedback.stream().flatMap(f -> f.events().stream()).anyMatch(e -> e.kind() == kind);
        }

        synchronized long methods() {
            return methods;
        }

        /** Methods whose code feedback instrumented. */
        synchronized long instrumented() {
            return instrumented;
        }

        /** Methods compiled with at least one speculation of feedback. */
        synchronized long speculated() {
            return speculated;
        }

        /** Methods in which such a speculation failed (seen by the compilation after it). */
        synchronized long failed() {
            return failed;
        }

        /** Methods in which feedback had a hot call inlined. */
        synchronized long inlined() {
            return inlined;
        }

        @Override
        public synchronized String toString() {
            return String.format("%d methods: %d instrumented, %d with speculations, %d with failed speculations, %d with a call inlined by feedback; %d compilations", methods, instrumented,
                            speculated, failed, inlined, compilations);
        }
    }

    private FeedbackOracle() {
    }

    /** Phase A's inputs for {@code seed}: those the fuzzer's other modes use. */
    static List<Object[]> phaseA(long seed, int count) {
        return Oracle.inputs(seed, count);
    }

    /** Phase B's: the inputs of the pool that {@code phaseA} lacks, then every input of the pool. */
    static List<Object[]> phaseB(List<Object[]> phaseA) {
        List<Object[]> others = new ArrayList<>();
        List<Object[]> all = Oracle.allInputs();
        for (Object[] in : all) {
            if (phaseA.stream().noneMatch(a -> Arrays.equals(a, in))) {
                others.add(in);
            }
        }
        others.addAll(all);
        return others;
    }

    /** Null if {@code method} computes what the interpreter computes on every call of both phases, else what differed. */
    static Difference check(Method method, List<Object[]> phaseA, Stats stats) {
        return check(method, phaseA, Oracle.LIMIT, stats);
    }

    static Difference check(Method method, List<Object[]> phaseA, Duration limit, Stats stats) {
        Feedback.reset(); // a unit is named by class and method name, which the shrinker's classes and reruns of a seed share
        method.setAccessible(true);
        List<Object[]> phaseB = phaseB(phaseA);
        Map<List<Object>, Observation> expected = new HashMap<>();
        for (Object[] in : Oracle.allInputs()) {
            expected.put(Arrays.asList(in), Oracle.observe(method.getDeclaringClass(), () -> Oracle.reference(method, in)));
        }
        Run run = new Run(method, limit, expected);
        try {
            Difference d = null;
            for (int k = 0; d == null && k < 2 * GraalHarness.FEEDBACK_SAMPLES && run.compiles <= PHASE_A_COMPILES; k++) {
                d = run.call("A", phaseA.get(k % phaseA.size()));
            }
            if (d == null) {
                Feedback.pollNow();
                d = run.call("A", phaseA.get(0)); // ends the code if the monitor judged it
            }
            for (int k = 0; d == null && k < phaseB.size(); k++) {
                d = run.call("B", phaseB.get(k));
            }
            return d;
        } finally {
            stats.add(Feedback.methods(), run.compiles);
        }
    }

    /** The method's current code, compiled again whenever a deoptimization invalidated it. */
    private static final class Run {
        private final Method method;
        private final Duration limit;
        private final Map<List<Object>, Observation> expected;
        private Runner runner;
        int compiles;

        Run(Method method, Duration limit, Map<List<Object>, Observation> expected) {
            this.method = method;
            this.limit = limit;
            this.expected = expected;
        }

        Difference call(String phase, Object[] in) {
            String where = method.getName() + Arrays.toString(in) + " [" + NAME + ", phase " + phase + "]";
            for (int inARow = 0;; inARow++) {
                if (runner == null) {
                    if (inARow > Oracle.RECOMPILES) {
                        return new Difference(NAME, false, where + ": invalidated " + Oracle.RECOMPILES + " times in a row" + feedback());
                    }
                    try {
                        Compiled c = Oracle.bounded(() -> GraalHarness.compileSpeculating(method, Slot.ESCAPE, GraalHarness.feedbackOptions(), ESCAPE_INLINING), limit);
                        compiles++;
                        runner = args -> c.code().executeVarargs(args);
                    } catch (TimeoutException e) {
                        return new Difference(NAME, false, where + ": compilation did not finish in " + limit);
                    } catch (Throwable t) {
                        return new Difference(NAME, true, where + ": compilation threw " + Oracle.trace(t));
                    }
                }
                Runner r = runner;
                Observation actual;
                try {
                    actual = Oracle.observe(method.getDeclaringClass(), () -> Oracle.compiled(r, in, limit));
                } catch (Oracle.Invalidated e) {
                    Oracle.RECOMPILED.incrementAndGet();
                    runner = null;
                    continue;
                } catch (Oracle.Hung e) {
                    return new Difference(NAME, false, where + ": compiled code did not return in " + limit);
                }
                Observation want = expected.get(Arrays.asList(in));
                if (!actual.equals(want)) {
                    return new Difference(NAME, false, where + ": expected " + want + "\n    but compiled code gave " + actual + feedback());
                }
                return null;
            }
        }

        /** What feedback did to the method so far, for a failure's report. */
        private static String feedback() {
            StringBuilder sb = new StringBuilder();
            for (MethodFeedback f : Feedback.methods()) {
                for (FeedbackEvent e : f.events()) {
                    sb.append("\n    feedback: ").append(f.method()).append(", recompilation ").append(e.recompile()).append(": ").append(e.describe());
                }
            }
            return sb.toString();
        }
    }
}
