package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.integration.EscapeOptions;
import dev.escape.test.corpus.Deopts;
import dev.escape.test.corpus.Expect;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.CorpusInputs;
import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.options.OptionValues;

/**
 * The corpus of issue 3: every method of dev.escape.test.corpus with {@code @Inputs} but the
 * forced deopts (DeoptTest), one parameterized test per property so that one failure does not
 * hide another: escape's own analysis ran (no fallback, within a tenth of its limits), left no
 * more allocations than Graal's phase, the code computes what the interpreter computes, and kept
 * allocations are kept for the expected reason ({@link Expect}).
 */
class CorpusTest {
    /**
     * Properties the analysis does not have yet, by {@code Class.method} (every property) or
     * {@code Class.method:property}, with why. They are reported as skipped, with the failure.
     * A test prints when an entry passes, so the list can shrink as the analysis improves.
     */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    /** Each method compiled with both slots, before the interpreter ran it (no profiles). */
    private static final Map<Method, Pair> COMPILED = new ConcurrentHashMap<>();

    private record Pair(Compiled ours, Compiled graal) {
    }

    static Stream<Arguments> corpus() {
        return CorpusInputs.methods().stream().filter(m -> m.getDeclaringClass() != Deopts.class).map(m -> Arguments.of(CorpusMethods.name(m), m));
    }

    static Stream<Arguments> negatives() {
        return corpus().filter(a -> ((Method) a.get()[1]).isAnnotationPresent(Expect.class));
    }

    /**
     * escape's analysis runs with a tenth of its default limits: a corpus method that comes near
     * them is cut off (every site kept with cause BUDGET) and fails {@link #noFallback}.
     */
    private static final OptionValues TENTH_OF_LIMITS = new OptionValues(GraalHarness.options(),
                    EscapeOptions.EscapeAnalysisBudget, EscapeOptions.EscapeAnalysisBudget.getDefaultValue() / 10,
                    EscapeOptions.EscapeMaxVirtualObjects, EscapeOptions.EscapeMaxVirtualObjects.getDefaultValue() / 10);

    private static Pair compiled(Method m) {
        return COMPILED.computeIfAbsent(m, k -> new Pair(GraalHarness.compile(k, Slot.ESCAPE, TENTH_OF_LIMITS), GraalHarness.compile(k, Slot.GRAAL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void noFallback(String name, Method m) throws Throwable {
        check(name, "fallback", () -> {
            Compiled ours = compiled(m).ours();
            assertEquals(null, ours.record().fallback(), () -> "escape's analysis fell back to Graal's phase");
            assertEquals("escape", ours.record().analysis());
            assertFalse(Checks.cutOffByBudget(ours), () -> "escape's analysis went over a tenth of its limits:\n" + Checks.describe(ours));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void noMoreAllocationsThanGraal(String name, Method m) throws Throwable {
        check(name, "allocations", () -> Checks.noMoreAllocationsThanGraal(compiled(m).ours(), compiled(m).graal()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void sameResultsAsInterpreter(String name, Method m) throws Throwable {
        check(name, "results", () -> {
            Pair p = compiled(m);
            Checks.sameAsInterpreter(p.ours(), CorpusInputs.of(m));
            Checks.sameAsInterpreter(p.graal(), CorpusInputs.of(m));
        });
    }

    /** The harness tracks source positions, so the report can say where each materialization is (issue 15: no "unknown position"). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyMaterializationHasAPosition(String name, Method m) throws Throwable {
        check(name, "positions", () -> {
            Compiled ours = compiled(m).ours();
            for (SiteDecision site : ours.sites()) {
                for (Materialization mat : site.materializations()) {
                    assertFalse(mat.at().isEmpty(), () -> "a materialization without a position: " + site.describe());
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void expectedDecisionAndCause(String name, Method m) throws Throwable {
        Expect expect = m.getAnnotation(Expect.class);
        check(name, "decision", () -> {
            Compiled ours = compiled(m).ours();
            SiteDecision site = site(ours, expect.site());
            assertEquals(expect.decision(), site.decision(), () -> site.describe());
            List<Materialization> materializations = site.materializations();
            assertFalse(materializations.isEmpty(), () -> "no materialization recorded, expected " + expect.cause() + ": " + site.describe());
            assertEquals(expect.cause(), materializations.get(0).cause(), () -> site.describe());
            if (!expect.holder().isEmpty()) {
                AllocationSite holder = materializations.get(0).holder();
                assertEquals(expect.holder(), holder == null ? null : simpleName(holder.type()), () -> "direct holder of " + site.describe());
            }
            if (expect.holderChain().length > 0) {
                Materialization first = materializations.get(0);
                List<String> chain = new ArrayList<>(first.holders().stream().map(h -> simpleName(h.type())).toList());
                chain.add(first.detail());
                assertEquals(List.of(expect.holderChain()), chain, () -> "holder chain of " + site.describe());
            }
        });
    }

    private static SiteDecision site(Compiled c, String type) {
        SiteDecision found = c.sites().stream().filter(s -> type.isEmpty() || simpleName(s.site().type()).equals(type)).findFirst().orElse(null);
        assertNotNull(found, () -> "no allocation site of type '" + type + "' in:\n" + Checks.describe(c));
        return found;
    }

    private static String simpleName(String javaName) {
        return javaName.substring(Math.max(javaName.lastIndexOf('.'), javaName.lastIndexOf('$')) + 1);
    }

    /** Runs {@code property}'s assertions; a known failure is reported as skipped, with its failure. */
    static void check(String name, String property, Executable assertions) throws Throwable {
        check(KNOWN_FAILURES, name, property, assertions);
    }

    static void check(Map<String, String> knownFailures, String name, String property, Executable assertions) throws Throwable {
        String known = knownFailures.getOrDefault(name + ":" + property, knownFailures.get(name));
        try {
            assertions.execute();
            if (known != null) {
                System.out.println("KNOWN_FAILURES: " + name + " " + property + " passes now; remove its entry");
            }
        } catch (Throwable e) {
            if (known != null) {
                System.out.println("KNOWN_FAILURES: " + name + " " + property + " still fails: " + e.toString().lines().findFirst().orElse(""));
                Assumptions.abort("known: " + known + " (" + e.toString().lines().findFirst().orElse("") + ")");
            }
            throw new AssertionError(name + " " + property + ": " + e.getMessage(), e);
        }
    }
}
