package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.escape.integration.EscapeCompilerConfiguration;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Outcome;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.nodes.spi.ProfileProvider;
import jdk.graal.compiler.phases.tiers.Suites;
import jdk.vm.ci.meta.ProfilingInfo;
import jdk.vm.ci.meta.ResolvedJavaMethod;

/**
 * escape's configuration inlines a call that hands the callee an object the caller allocates even
 * when the callee's own compiled graph was large ({@code EscapeInliningPolicy}). Graal's greedy
 * policy refuses it, and the object escapes into the call. The callee's recorded size is given here
 * as the JIT would have recorded it after compiling the callee on its own.
 */
class EscapeInliningTest {

    static final class Cursor {
        private int at;
        private final int end;

        Cursor(int end) {
            this.end = end;
        }

        boolean hasNext() {
            return at < end;
        }

        int next() {
            return at++;
        }
    }

    /** The cursor is this method's own: inlining its methods lets it stay virtual. */
    static int walk(int n) {
        Cursor c = new Cursor(n);
        int sum = 0;
        while (c.hasNext()) {
            sum += c.next();
        }
        return sum;
    }

    /** The same loop over a cursor the caller passes: nothing to gain from the exception. */
    static int walkGiven(Cursor c) {
        int sum = 0;
        while (c.hasNext()) {
            sum += c.next();
        }
        return sum;
    }

    private static final Consumer<Suites> ESCAPE_INLINING = suites -> EscapeCompilerConfiguration.useEscapeInlining(suites.getHighTier());
    private static final Consumer<Suites> GRAAL_INLINING = suites -> {
    };

    /**
     * Profiles as HotSpot has them, except that the cursor's methods were compiled on their own
     * into large graphs (the size HotSpotGraalCompiler records and Graal's inliner reads).
     */
    private static final ProfileProvider CALLEES_COMPILED_LARGE = new ProfileProvider() {
        @Override
        public ProfilingInfo getProfilingInfo(ResolvedJavaMethod method) {
            return getProfilingInfo(method, true, true);
        }

        @Override
        public ProfilingInfo getProfilingInfo(ResolvedJavaMethod method, boolean includeNormal, boolean includeOSR) {
            ProfilingInfo real = method.getProfilingInfo(includeNormal, includeOSR);
            if (!method.getDeclaringClass().getName().endsWith("EscapeInliningTest$Cursor;")) {
                return real;
            }
            return (ProfilingInfo) Proxy.newProxyInstance(EscapeInliningTest.class.getClassLoader(), new Class<?>[]{ProfilingInfo.class},
                            (proxy, m, args) -> m.getName().equals("getCompilerIRSize") ? 100_000 : m.invoke(real, args));
        }
    };

    private static int calls(Compiled c) {
        return c.nodeClasses().getOrDefault("InvokeNode", 0) + c.nodeClasses().getOrDefault("InvokeWithExceptionNode", 0);
    }

    @Test
    void ownAllocationPassedToLargeCalleeIsInlined() throws Exception {
        Method walk = EscapeInliningTest.class.getDeclaredMethod("walk", int.class);
        Compiled graal = GraalHarness.compileWithTiers(walk, Slot.ESCAPE, CALLEES_COMPILED_LARGE, GRAAL_INLINING);
        Compiled ours = GraalHarness.compileWithTiers(walk, Slot.ESCAPE, CALLEES_COMPILED_LARGE, ESCAPE_INLINING);

        assertTrue(calls(graal) > 0 && graal.allocations() == 1, "Graal's policy: the cursor escapes into a call " + graal.nodeClasses() + ", allocations " + graal.allocations());
        assertEquals(0, calls(ours), "escape's policy inlines the cursor's methods: " + ours.nodeClasses());
        assertEquals(0, ours.allocations(), "and the cursor stays virtual");
        for (int n : new int[]{0, 1, 7, 100}) {
            assertEquals(Outcome.returned(n * (n - 1) / 2), ours.run(n));
        }
    }

    @Test
    void givenObjectKeepsGraalsRule() throws Exception {
        Method walkGiven = EscapeInliningTest.class.getDeclaredMethod("walkGiven", Cursor.class);
        Compiled ours = GraalHarness.compileWithTiers(walkGiven, Slot.ESCAPE, CALLEES_COMPILED_LARGE, ESCAPE_INLINING);
        assertTrue(calls(ours) > 0, "a cursor the caller did not allocate: the large callees stay calls " + ours.nodeClasses());
    }
}
