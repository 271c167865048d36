package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.escape.feedback.Feedback;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;
import dev.escape.integration.EscapeCompilerConfiguration;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Outcome;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.phases.tiers.Suites;

/**
 * Runtime feedback ({@code dev.escape.feedback}) in library mode, through the whole loop with
 * forced phases: compiled with feedback on (instrumented), the code runs with an object escaping
 * on a branch sometimes, then never; the feedback monitor ({@link Feedback#pollNow}) ends the code,
 * the recompilation speculates the cold branch away (fewer allocations, a speculative
 * deoptimization of escape's feedback in the graph), inputs that take the branch make the
 * speculation fail (the code deoptimizes and the interpreter finishes the call with the virtual
 * objects rematerialized exactly: results and the static state the escaping path writes equal the
 * interpreter's), and the next compilation speculates no more. Each method here is used by one
 * test only: HotSpot keeps a method's failed speculations for the life of the VM.
 */
class FeedbackTest {
    static final class P {
        int x;
        int y;

        P(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    static final class Holder {
        P p;
        Holder next;

        Holder(P p, Holder next) {
            this.p = p;
            this.next = next;
        }
    }

    /** What escaping paths write; {@link #observe} resets and reads it around every call. */
    static Object sunk;
    static long counter;
    /** Not final: compiled code loads it, so an object that escaped may be it. */
    static Object last = new Object();

    /** Returns before the merge on the hot path (flag 0): the object is made real nowhere that runs. */
    static int idle(int i, int flag) {
        P p = new P(i, i + 1);
        if (flag == 0) {
            return p.x;
        }
        if (flag == 1) {
            sunk = p;
        }
        return p == last ? 0 : p.y;
    }

    /** Not final: compiled code loads it, so a merge with it meets another value. */
    static P none = new P(0, 0);

    /**
     * Made real at a merge because it meets another value there ({@link #none}), not because
     * another path made it real (the store makes it real on a path that returns before the merge).
     */
    static int mergedWithAnotherValue(int i, int flag) {
        P q = none;
        if (flag != 1) {
            P p = new P(i, i + 1);
            if (flag == 2) {
                sunk = p;
                return 0;
            }
            q = p;
        }
        return q == last ? 1 : q.x;
    }

    /** As {@link #identity}, for a test of its own (see the class comment). */
    static int escapesOnEveryOtherCall(int i, int escape) {
        P p = new P(i, i + 1);
        if (escape != 0) {
            sunk = p;
        }
        return p == last ? 0 : p.x + p.y;
    }

    /** Identity after a merge: the rare store makes the object real on one path, so the merge needs it real on the other. */
    static int identity(int i, int escape) {
        P p = new P(i, i + 1);
        if (escape != 0) {
            sunk = p;
        }
        return p == last ? 0 : p.x + p.y;
    }

    /** A lock after the merge: the lock needs the object real where the rare path made it so. */
    static int lockAfterMerge(int i, int escape) {
        P p = new P(i, 2 * i);
        if (escape != 0) {
            sunk = p;
        }
        synchronized (p) {
            counter += p.x;
        }
        return p.y;
    }

    /** The rare escape inside a lock of the object: the failed speculation rebuilds the object with its lock held. */
    static int escapeWhileLocked(int i, int escape) {
        P p = new P(i, 3);
        synchronized (p) {
            if (escape != 0) {
                sunk = p;
            }
            p.y += 10; // resumed here without the lock, the interpreter's monitorexit would throw
        }
        return p == last ? 0 : p.x + p.y;
    }

    /** The rare escape is a call that is not inlined; an identity test after the merge. */
    static int rareCallThenIdentity(int i, int escape) {
        P p = new P(i, 5);
        if (escape != 0) {
            leak(p);
        }
        return same(p, last) ? -1 : p.x * p.y;
    }

    /** Small enough to inline: the identity test after the merge happens inside an inlined callee. */
    private static boolean same(Object a, Object b) {
        return a == b;
    }

    /** Not inlined: large (Graal's greedy policy inlines calls by size and relevance). */
    private static void leak(Object o) {
        sunk = o;
        for (int k = 0; k < 3; k++) {
            counter = counter * 31 + (o.hashCode() & 1) + k;
            counter ^= counter >>> 7;
            counter += Long.rotateLeft(counter, k + 1) & 0xff;
            counter = counter * 17 + (counter >>> 3);
            counter -= Long.numberOfTrailingZeros(counter | 1);
        }
        counter = 1; // the identity hash code must not reach the static state compared
    }

    /** An object per iteration, escaping in one of them. */
    static long loop(int n, int escapeAt) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            P p = new P(i, n);
            if (i == escapeAt) {
                sunk = p;
            }
            s = s * 31 + (p == last ? 0 : p.x * 7 + p.y);
        }
        return s;
    }

    /** A chain of holders: the outermost escapes and takes the others with it; identity after the merge. */
    static int holderChain(int i, int escape) {
        P p = new P(i, i * 7);
        Holder inner = new Holder(p, null);
        Holder outer = new Holder(null, inner);
        if (escape != 0) {
            sunk = outer;
        }
        if (outer == last || inner == last) {
            return -1;
        }
        return outer.next.p.x + p.y * 3;
    }

    /** The rare escape inside an inlined callee: the failed speculation rebuilds two interpreter frames. */
    static int escapeInCallee(int i, int escape) {
        P p = new P(i, 4);
        int r = maybeLeak(p, escape, i);
        return p == last ? 0 : p.x - p.y + r;
    }

    private static int maybeLeak(P p, int escape, int i) {
        int r = i * 3;
        p.y += 2;
        if (escape != 0) {
            sunk = p;
            r++;
        }
        return r;
    }

    /** A call that looked cold when the method was compiled (not inlined) and runs on most calls later. */
    static int hotCall(int i, int flag) {
        P p = new P(i, 9);
        int r = p.x;
        if (flag != 0) {
            r += mix(p);
        }
        return r;
    }

    /** Large enough that Graal's greedy policy does not inline a call of low relevance. */
    private static int mix(P p) {
        int a = p.x;
        int b = p.y;
        a = a * 31 + b;
        b ^= a >>> 3;
        a += Integer.rotateLeft(b, 5) * 7;
        b = b * 17 - (a >>> 11);
        a ^= b << 2;
        b += a * 13 + 5;
        a = a * 29 + (b >>> 7);
        b ^= a * 3;
        a += b >>> 1;
        b = b * 11 + a;
        return a ^ b;
    }

    /**
     * The feedback monitor's thread polls as often as the first instrumented compilation of the VM
     * said, so every library-mode test that turns feedback on does it with
     * {@link GraalHarness#feedbackOptions()} (its thread then never polls; the tests poll). With
     * {@code -Descape.test.feedback=true} the first could be any library-mode test's, with the
     * default period (20 ms), and windows would end while a test runs.
     */
    @BeforeAll
    static void monitorSettings() {
        assumeFalse(Boolean.getBoolean("escape.test.feedback"), "feedback tests need the monitor set up by GraalHarness.feedbackOptions()");
    }

    @BeforeEach
    @AfterEach
    void forget() {
        Feedback.reset();
    }

    /** What one call showed: its outcome and the static state it left. */
    record Observation(Outcome outcome, Outcome sunk, long counter) {
    }

    private static Observation observe(Supplier<Outcome> call) {
        sunk = null;
        counter = 0;
        Outcome outcome = call.get();
        return new Observation(outcome, Outcome.returned(sunk), counter);
    }

    /** Runs {@code in} in {@code c}'s installed code and in the interpreter: the same outcome and static state. */
    private static void same(Compiled c, Object[] in) {
        Observation got = observe(() -> c.run(in));
        Observation expected = observe(() -> c.reference(in));
        assertEquals(expected, got, () -> c.method().getName() + Arrays.toString(in));
    }

    private static void interpret(Method m, Object[] in) {
        try {
            m.invoke(null, in);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Method method(String name) {
        for (Method m : FeedbackTest.class.getDeclaredMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static MethodFeedback feedbackOf(Method m) {
        String name = "." + m.getName() + "(";
        return Feedback.methods().stream().filter(f -> f.method().contains(name)).findFirst().orElse(null);
    }

    private static long events(Method m, FeedbackEvent.Kind kind) {
        MethodFeedback f = feedbackOf(m);
        return f == null ? 0 : f.events().stream().filter(e -> e.kind() == kind).count();
    }

    private static boolean speculates(Compiled c) {
        return c.speculations().stream().anyMatch(r -> r.contains(GraalHarness.FEEDBACK_SPECULATION));
    }

    /** Bytes the current thread allocates per call of {@code c}'s installed code on {@code in}. */
    private static long bytesPerCall(Compiled c, Object[] in) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int calls = 5_000;
        for (int i = 0; i < 500; i++) {
            call(c, in);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            call(c, in);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / calls;
    }

    private static void call(Compiled c, Object[] in) {
        try {
            c.code().executeVarargs(in);
        } catch (Throwable t) {
            throw new AssertionError("measuring " + c.method() + " threw", t);
        }
    }

    /**
     * The whole loop on {@code name}: {@code sometimes(k)} takes the escaping branch now and then,
     * {@code never(k)} never does, {@code cold} are inputs that take it after the speculation.
     */
    private static void speculateThenFail(String name, IntFunction<Object[]> sometimes, IntFunction<Object[]> never, List<Object[]> cold) {
        Method m = method(name);
        GraalHarness.startProfiling(m);
        // The interpreter's profile sees the branch taken: Graal's parser does not cut it itself.
        for (int k = 0; k < 1_000; k++) {
            interpret(m, sometimes.apply(k));
        }
        Compiled instrumented = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions());
        assertFalse(speculates(instrumented), "no feedback yet, no speculation");
        assertTrue(instrumented.allocations() > 0, () -> "the object is real on the merge's paths: " + Checks.describe(instrumented));
        MethodFeedback watched = feedbackOf(m);
        assertTrue(watched != null && !watched.counted().isEmpty(), () -> "the method is instrumented: " + watched);

        // A window in which the branch runs is not cold: the code stays.
        for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES; k++) {
            same(instrumented, sometimes.apply(k));
        }
        Feedback.pollNow();
        same(instrumented, never.apply(0));
        assertTrue(instrumented.code().isValid(), "a window with escapes ends no code");

        // A window in which it never runs: the monitor ends the code at the next run of the site
        // (or already has, if its own thread polled: not with feedbackOptions()).
        for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES && instrumented.code().isValid(); k++) {
            same(instrumented, never.apply(k));
        }
        Feedback.pollNow();
        if (instrumented.code().isValid()) {
            same(instrumented, never.apply(1));
        }
        assertFalse(instrumented.code().isValid(), () -> "the cold window ended the instrumented code: " + feedbackOf(m));

        Compiled speculating = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions());
        long speculated = events(m, FeedbackEvent.Kind.SPECULATED);
        assertTrue(speculated >= 1, () -> "" + feedbackOf(m));
        assertTrue(speculates(speculating), () -> "a speculative deoptimization of escape's feedback: " + speculating.speculations());
        assertTrue(speculating.allocations() < instrumented.allocations(),
                        () -> "allocations " + instrumented.allocations() + " -> " + speculating.allocations() + "\n" + Checks.describe(speculating));
        Object[] hot = never.apply(2);
        long before = bytesPerCall(withoutFeedback(m), hot);
        long after = bytesPerCall(speculating, hot);
        assertTrue(after + 16 <= before, () -> "bytes per call " + before + " -> " + after);
        for (int k = 0; k < GraalHarness.FEEDBACK_SAMPLES; k++) {
            same(speculating, never.apply(k));
        }
        assertTrue(speculating.code().isValid(), "inputs that do not take the branch stay in the speculating code");

        // The branch runs after all: the speculation fails, the interpreter finishes the call with the same objects.
        same(speculating, cold.get(0));
        assertFalse(speculating.code().isValid(), "the failed speculation ended the code");

        Compiled plain = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions());
        assertEquals(1, events(m, FeedbackEvent.Kind.FAILED), () -> "" + feedbackOf(m));
        assertFalse(speculates(plain), () -> "no speculation after a failed one: " + plain.speculations());
        assertEquals(instrumented.allocations(), plain.allocations(), () -> Checks.describe(plain));
        for (Object[] in : cold) {
            same(plain, in);
        }
        for (int k = 0; k < 50; k++) {
            same(plain, sometimes.apply(k));
        }
        assertTrue(plain.code().isValid());
        assertEquals(speculated, events(m, FeedbackEvent.Kind.SPECULATED), () -> "" + feedbackOf(m));
    }

    /** The method compiled by escape's phase without feedback, to measure against. */
    private static Compiled withoutFeedback(Method m) {
        return GraalHarness.compile(m, Slot.ESCAPE);
    }

    private static Object[] args(int a, int b) {
        return new Object[]{a, b};
    }

    /**
     * A method whose counters count nothing (the object is made real only on paths that stopped
     * running) is compiled again without them, and stays so: they only cost the hot path time.
     */
    @Test
    void idleCountersAreDropped() {
        countersDropped("idle", k -> args(k, k % 3), k -> args(k, 0), k -> args(k, k % 2 == 0 ? 0 : 2));
    }

    /**
     * So is one whose object is made real where it meets another value, on paths that all run:
     * no count gives anything to act on (as in {@code Optional.ofNullable}, where the new
     * {@code Optional} meets {@code Optional.EMPTY}).
     */
    @Test
    void settledCountersAreDropped() {
        countersDropped("mergedWithAnotherValue", k -> args(k, k % 3), k -> args(k, k % 3), k -> args(k, k % 3));
    }

    /** But not one whose object a merge makes real because another path made it real, however long every path runs. */
    @Test
    void countersOfAnObjectRealOnAnotherPathStay() {
        Method m = method("escapesOnEveryOtherCall");
        Compiled instrumented = instrument(m, k -> args(k, k % 2));
        for (int window = 0; window < 2 * Feedback.IDLE_WINDOWS; window++) {
            for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES; k++) {
                same(instrumented, args(k, k % 2));
            }
            Feedback.pollNow();
        }
        assertTrue(instrumented.code().isValid(), () -> "still counted: " + feedbackOf(m));
    }

    /** Profiles {@code m} on {@code inputs} and compiles it with feedback: it is instrumented. */
    private static Compiled instrument(Method m, IntFunction<Object[]> inputs) {
        GraalHarness.startProfiling(m);
        for (int k = 0; k < 1_000; k++) {
            interpret(m, inputs.apply(k));
        }
        Compiled instrumented = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions());
        assertTrue(instrumented.allocations() > 0, () -> Checks.describe(instrumented));
        MethodFeedback watched = feedbackOf(m);
        assertTrue(watched != null && !watched.counted().isEmpty(), () -> "the method is instrumented: " + watched);
        return instrumented;
    }

    /**
     * The instrumented code of {@code name} (profiled on {@code profile}), run on {@code steady},
     * ends after {@link Feedback#IDLE_WINDOWS} idle windows, not before; its next code has no counters
     * and no speculation, so {@code later} inputs never end it.
     */
    private static void countersDropped(String name, IntFunction<Object[]> profile, IntFunction<Object[]> steady, IntFunction<Object[]> later) {
        Method m = method(name);
        Compiled instrumented = instrument(m, profile);
        for (int window = 0; window <= Feedback.IDLE_WINDOWS && instrumented.code().isValid(); window++) {
            for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES && instrumented.code().isValid(); k++) {
                same(instrumented, steady.apply(k));
            }
            Feedback.pollNow();
            if (window < Feedback.IDLE_WINDOWS - 1) {
                assertTrue(instrumented.code().isValid(), "fewer idle windows than the limit end no code");
            }
        }
        if (instrumented.code().isValid()) {
            same(instrumented, steady.apply(1));
        }
        assertFalse(instrumented.code().isValid(), () -> "idle windows ended the instrumented code: " + feedbackOf(m));

        Compiled plain = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions());
        assertEquals(1, events(m, FeedbackEvent.Kind.IDLE), () -> "" + feedbackOf(m));
        assertFalse(speculates(plain), () -> "" + plain.speculations());
        for (int window = 0; window < 20; window++) {
            for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES; k++) {
                same(plain, later.apply(k));
            }
            Feedback.pollNow();
        }
        assertTrue(plain.code().isValid(), () -> "no counters, no guard that could end the code: " + feedbackOf(m));
    }

    @Test
    void identityAfterMerge() {
        speculateThenFail("identity", k -> args(k, k % 10 == 0 ? 1 : 0), k -> args(k, 0), List.of(args(42, 1), args(-3, 7)));
    }

    @Test
    void lockAfterMerge() {
        speculateThenFail("lockAfterMerge", k -> args(k, k % 10 == 0 ? 1 : 0), k -> args(k, 0), List.of(args(42, 1), args(-3, 7)));
    }

    @Test
    void escapeWhileLocked() {
        speculateThenFail("escapeWhileLocked", k -> args(k, k % 10 == 0 ? 1 : 0), k -> args(k, 0), List.of(args(42, 1), args(-3, 7)));
    }

    @Test
    void rareCallThenIdentity() {
        speculateThenFail("rareCallThenIdentity", k -> args(k, k % 10 == 0 ? 1 : 0), k -> args(k, 0), List.of(args(42, 1), args(-3, 7)));
    }

    @Test
    void objectEscapingInALoop() {
        speculateThenFail("loop", k -> args(8, k % 10 == 0 ? k % 8 : -1), k -> args(k % 9, -1), List.of(args(10, 3), args(5, 4), args(3, 0)));
    }

    @Test
    void holderChain() {
        speculateThenFail("holderChain", k -> args(k, k % 10 == 0 ? 1 : 0), k -> args(k, 0), List.of(args(42, 1), args(-3, 7)));
    }

    @Test
    void escapeInAnInlinedCallee() {
        speculateThenFail("escapeInCallee", k -> args(k, k % 10 == 0 ? 1 : 0), k -> args(k, 0), List.of(args(42, 1), args(-3, 7)));
    }

    /** escape's configuration inlines as Graal does, except for calls feedback asks for. */
    private static final Consumer<Suites> ESCAPE_INLINING = suites -> EscapeCompilerConfiguration.useEscapeInlining(suites.getHighTier());

    private static int calls(Compiled c) {
        return c.nodeClasses().getOrDefault("InvokeNode", 0) + c.nodeClasses().getOrDefault("InvokeWithExceptionNode", 0);
    }

    /**
     * A call that made the object real and looked cold is hot at run time: the monitor ends the
     * code and the recompilation inlines the call (escape's inlining policy), so the object stays
     * virtual. No speculation: inputs that skip the call are fine in the new code.
     */
    @Test
    void hotCallIsInlined() {
        Method m = method("hotCall");
        GraalHarness.startProfiling(m);
        Compiled compiled = null;
        // The profile must show the call rare; one still being gathered (the method's first calls
        // may run before its profile exists) can show it as common: profile more, and try again.
        for (int attempt = 0; attempt < 3 && (compiled == null || calls(compiled) == 0); attempt++) {
            for (int k = 0; k < 1_000; k++) {
                interpret(m, args(k, k % 50 == 0 ? 1 : 0)); // the call's relevance: too low to inline it
            }
            Feedback.reset();
            compiled = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions(), ESCAPE_INLINING);
        }
        Compiled instrumented = compiled;
        assertTrue(calls(instrumented) > 0 && instrumented.allocations() > 0, () -> "the rare call is not inlined, the object made real at it: " + instrumented.nodeClasses() + "\n" + Checks.describe(instrumented));

        for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES; k++) {
            same(instrumented, args(k, k % 10 == 0 ? 1 : 0));
        }
        Feedback.pollNow();
        same(instrumented, args(3, 1));
        assertTrue(instrumented.code().isValid(), "a window in which the call is cold ends no code");

        for (int k = 0; k < 2 * GraalHarness.FEEDBACK_SAMPLES && instrumented.code().isValid(); k++) {
            same(instrumented, args(k, 1));
        }
        Feedback.pollNow();
        if (instrumented.code().isValid()) {
            same(instrumented, args(4, 1));
        }
        assertFalse(instrumented.code().isValid(), () -> "the hot call ended the instrumented code: " + feedbackOf(m));

        Compiled inlined = GraalHarness.compileSpeculating(m, Slot.ESCAPE, GraalHarness.feedbackOptions(), ESCAPE_INLINING);
        assertEquals(1, events(m, FeedbackEvent.Kind.INLINED), () -> "" + feedbackOf(m));
        assertEquals(0, calls(inlined), () -> "the call is inlined: " + inlined.nodeClasses());
        assertEquals(0, inlined.allocations(), () -> Checks.describe(inlined));
        assertFalse(speculates(inlined), () -> "" + inlined.speculations());
        Object[] in = args(5, 1);
        long before = bytesPerCall(withoutFeedback(m), in);
        long after = bytesPerCall(inlined, in);
        assertTrue(after + 16 <= before, () -> "bytes per call " + before + " -> " + after);
        for (int k = 0; k < 100; k++) {
            same(inlined, args(k, k % 3 == 0 ? 0 : 1));
        }
        assertTrue(inlined.code().isValid());
    }
}
