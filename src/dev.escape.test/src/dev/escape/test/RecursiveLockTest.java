package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.integration.EscapeAnalysis;
import dev.escape.test.corpus.Locks;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.nodes.java.MonitorIdNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;

/**
 * escape never commits an object holding two of its own locks (see {@code LockOrder}). Graal lowers
 * such a commit by entering the outer lock only and deleting the inner lock's monitor operations,
 * found by the inner lock's {@code MonitorIdNode}; after loop peeling the exception handler's
 * exit names the loop body's copy of that node, survives, and exits a monitor that was never
 * entered: a VM crash under Graal's own phase ({@code fuzz-regressions/escape-only/seed500265}).
 * Only the escape slot compiles {@link #lockedTwiceThrowInLoop} here: Graal's phase would crash
 * this JVM ({@code JitModeTest} runs the same shape in a child JVM).
 */
class RecursiveLockTest {

    static final class E extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        E(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /** The reduced seed500265: a new object locked twice in a loop, a throw inside both locks. */
    static long lockedTwiceThrowInLoop(int a, int b) {
        for (int i = 0; i < (b & 7); i++) {
            Object o = new Object();
            synchronized (o) {
                synchronized (o) {
                    if (a < 0) {
                        throw new E(a);
                    }
                }
            }
        }
        return 0L;
    }

    @Test
    void lockedTwiceWithThrowInLoopRunsAsInterpreted() throws Exception {
        NoNestedLocks check = new NoNestedLocks();
        Compiled c = GraalHarness.compile(method(RecursiveLockTest.class, "lockedTwiceThrowInLoop"), Slot.ESCAPE, check::wrap);
        assertNull(c.record().fallback(), "escape's own analysis compiled it");
        assertEquals(List.of(), check.found, "commits holding two locks of one object");
        List<Object[]> inputs = new ArrayList<>();
        for (int b = 0; b <= 8; b++) {
            for (int a : new int[]{1, -1, 0, -5}) {
                inputs.add(new Object[]{a, b});
            }
        }
        // Before the fix the first call that threw, (-1, 1), crashed the VM.
        Checks.sameAsInterpreter(c, inputs);

        SiteDecision object = c.sites().stream().filter(s -> s.site().type().equals("java.lang.Object")).findFirst().orElseThrow();
        assertEquals(Decision.KEPT, object.decision(), object::describe);
        assertTrue(object.materializations().stream().allMatch(m -> m.cause() == Materialization.Cause.MONITOR && m.detail() != null && m.detail().contains("recursive lock")), object::describe);
    }

    /** An object locked twice that is never made real costs nothing: the rule only moves commits that would hold both locks. */
    @Test
    void reentrantLockNeverMaterializedStaysEliminated() throws Exception {
        NoNestedLocks check = new NoNestedLocks();
        Compiled c = GraalHarness.compile(method(Locks.class, "reentrantLock"), Slot.ESCAPE, check::wrap);
        assertEquals(0, c.allocations(), () -> Checks.describe(c));
        assertEquals(List.of(), check.found);
    }

    /** Where the corpus's recursively locked box escapes, the box is made real at its inner lock, holding one lock. */
    @Test
    void reentrantLockHeldAcrossEscapeCommitsOneLock() throws Exception {
        NoNestedLocks check = new NoNestedLocks();
        Compiled c = GraalHarness.compile(method(Locks.class, "reentrantLockHeldAcrossEscape"), Slot.ESCAPE, check::wrap);
        assertEquals(List.of(), check.found);
        assertEquals(1, check.commitsWithLocks, "one commit, holding the outer lock");
        Checks.sameAsInterpreter(c, List.of(new Object[]{1}, new Object[]{-1}, new Object[]{9}));
    }

    private static Method method(Class<?> owner, String name) throws NoSuchMethodException {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** Wraps the slot's analysis and looks at the graph it leaves: commits that hold two locks of one object. */
    private static final class NoNestedLocks {
        final List<String> found = new ArrayList<>();
        int commitsWithLocks;

        EscapeAnalysis wrap(EscapeAnalysis inner) {
            return inner.followedBy((graph, context, outcome) -> {
                for (CommitAllocationNode commit : graph.getNodes().filter(CommitAllocationNode.class)) {
                    Map<Integer, Integer> locksPerObject = new HashMap<>();
                    for (MonitorIdNode lock : commit.getLocks()) {
                        locksPerObject.merge(commit.getObjectIndex(lock), 1, Integer::sum);
                    }
                    if (!commit.getLocks().isEmpty()) {
                        commitsWithLocks++;
                    }
                    if (locksPerObject.values().stream().anyMatch(n -> n > 1)) {
                        found.add(commit + " locks " + commit.getLocks());
                    }
                }
            });
        }
    }
}
