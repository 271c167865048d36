package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.decisions.SiteDecision;
import dev.escape.test.corpus.Basics;
import dev.escape.test.corpus.BeyondGraal;
import dev.escape.test.corpus.Merges;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.CorpusInputs;
import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * Where escape's analysis removes allocations that Graal's phase keeps, on the same graph: fewer
 * allocation nodes than Graal, the same results as the interpreter, and the decision says why.
 */
class BeyondGraalTest {
    /** Less than the smallest object, more than noise: at least one allocation less per call. */
    private static final int MIN_SAVING_PER_CALL = 16;

    static Stream<Arguments> annotated() {
        return CorpusMethods.all().stream().filter(m -> m.isAnnotationPresent(BeyondGraal.class)).map(m -> Arguments.of(CorpusMethods.name(m), m));
    }

    /**
     * Every corpus method marked {@link BeyondGraal}: on its inputs, escape's installed code
     * allocates at least one object less per call than Graal's (known failures as in CorpusTest).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("annotated")
    void allocatesLessThanGraal(String name, Method m) throws Throwable {
        CorpusTest.check(name, "beyond", () -> {
            Compiled ours = GraalHarness.compile(m, Slot.ESCAPE);
            Compiled graal = GraalHarness.compile(m, Slot.GRAAL);
            for (Object[] in : CorpusInputs.parse(m, m.getAnnotation(BeyondGraal.class).value())) {
                long oursPerCall = bytesPerCall(ours, in);
                long graalPerCall = bytesPerCall(graal, in);
                assertTrue(oursPerCall + MIN_SAVING_PER_CALL <= graalPerCall,
                                () -> name + Arrays.toString(in) + ": bytes per call: escape " + oursPerCall + ", graal " + graalPerCall + "\n" + Checks.describe(ours));
            }
        });
    }

    /**
     * An object that escapes on one branch and is only read after the merge: Graal materializes it
     * on every incoming path; escape allocates it only on the escaping path, the read after the
     * merge takes a phi of the field values.
     */
    @Test
    void escapeOnOneBranchThenFieldReads() {
        Compiled ours = GraalHarness.compile(Merges.class, "escapesOnOneBranchReadAfter", Slot.ESCAPE);
        Compiled graal = GraalHarness.compile(Merges.class, "escapesOnOneBranchReadAfter", Slot.GRAAL);
        assertNull(ours.record().fallback());
        // Both leave one allocation in the graph; Graal's runs on every path, ours only where the box escapes.
        long oursPerCall = bytesPerCall(ours, 5);
        long graalPerCall = bytesPerCall(graal, 5);
        assertTrue(graalPerCall - oursPerCall >= MIN_SAVING_PER_CALL, () -> "bytes per non-escaping call: escape " + oursPerCall + ", graal " + graalPerCall + "\n" + Checks.describe(ours));
        SiteDecision box = ours.sites().get(0);
        assertEquals(Decision.PARTIAL, box.decision(), () -> Checks.describe(ours));
        assertEquals(1, box.materializations().size(), () -> Checks.describe(ours));
        assertEquals(Cause.STORE_STATIC, box.materializations().get(0).cause());
        Checks.sameAsInterpreter(ours, List.of(new Object[]{1}, new Object[]{-1}, new Object[]{0}, new Object[]{-7}));
    }

    /**
     * Bytes the current thread allocates per call of the installed code (the call itself boxes its
     * argument and result alike for every slot, so differences are the method's own allocations).
     */
    private static long bytesPerCall(Compiled c, Object... args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int calls = 20_000;
        // The installed code directly: the harness's run() snapshots results, which allocates.
        for (int i = 0; i < 1_000; i++) {
            call(c, args);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            call(c, args);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / calls;
    }

    private static void call(Compiled c, Object[] args) {
        try {
            c.code().executeVarargs(args);
        } catch (Throwable t) {
            throw new AssertionError("measuring " + c.method() + " threw", t);
        }
    }

    /** Loop-carried objects replaced each iteration become one phi'd virtual object (Graal keeps two here). */
    @Test
    void loopCarriedObjects() {
        Compiled ours = GraalHarness.compile(Basics.class, "pointLoop", Slot.ESCAPE);
        Compiled graal = GraalHarness.compile(Basics.class, "pointLoop", Slot.GRAAL);
        assertEquals(0, ours.allocations(), () -> Checks.describe(ours));
        assertTrue(ours.allocations() < graal.allocations(), () -> "graal " + graal.record().after());
        assertTrue(ours.sites().stream().allMatch(s -> s.decision() == Decision.ELIMINATED), () -> Checks.describe(ours));
        Checks.sameAsInterpreter(ours, List.of(new Object[]{0}, new Object[]{1}, new Object[]{17}));
    }
}
