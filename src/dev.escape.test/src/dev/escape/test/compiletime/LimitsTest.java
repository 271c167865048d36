package dev.escape.test.compiletime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.List;

import org.graalvm.collections.EconomicMap;
import org.junit.jupiter.api.Test;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.decisions.SiteDecision;
import dev.escape.integration.EscapeOptionDescriptors;
import dev.escape.integration.EscapeOptions;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.options.OptionKey;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.options.OptionsParser;

/**
 * escape's analysis is bounded per compilation ({@code dev.escape.analysis.Budget}): past its work
 * budget or its cap on tracked objects it stops before touching the graph, every allocation is
 * kept with cause BUDGET and the limit in the record and the report, and the code stays correct.
 */
class LimitsTest {
    private static final Method NEST = nest();
    private static final List<Object[]> INPUTS = List.of(new Object[] {0}, new Object[] {1}, new Object[] {2}, new Object[] {3});

    @Test
    void smallBudgetKeepsEveryAllocationWithItsReason() {
        Compiled c = GraalHarness.compile(NEST, Slot.ESCAPE, with(EscapeOptions.EscapeAnalysisBudget, 2000));
        assertCutOff(c, "2000 work units (EscapeAnalysisBudget)");
        assertTrue(text(c.record()).contains("(analysis budget exhausted: 2000 work units (EscapeAnalysisBudget))"), () -> text(c.record()));
    }

    @Test
    void objectCapKeepsEveryAllocationWithItsReason() {
        // The innermost loop holds eight objects at once.
        Compiled c = GraalHarness.compile(NEST, Slot.ESCAPE, with(EscapeOptions.EscapeMaxVirtualObjects, 4));
        assertCutOff(c, "4 objects tracked at once (EscapeMaxVirtualObjects)");
    }

    @Test
    void defaultLimitsLeaveTheDeepNestToTheAnalysis() {
        Compiled c = GraalHarness.compile(NEST, Slot.ESCAPE);
        assertNull(c.record().fallback());
        assertFalse(Checks.cutOffByBudget(c), () -> Checks.describe(c));
        assertTrue(c.allocations() < c.record().before().allocations(), () -> Checks.describe(c));
        Checks.sameAsInterpreter(c, INPUTS);
    }

    @Test
    void limitsAreGraalOptionsOfAtLeastOne() {
        EconomicMap<OptionKey<?>, Object> values = EconomicMap.create();
        OptionsParser.parseOption("EscapeAnalysisBudget", "5000", values, List.of(new EscapeOptionDescriptors()));
        OptionsParser.parseOption("EscapeMaxVirtualObjects", "7", values, List.of(new EscapeOptionDescriptors()));
        assertEquals(5000, values.get(EscapeOptions.EscapeAnalysisBudget));
        assertEquals(7, values.get(EscapeOptions.EscapeMaxVirtualObjects));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> OptionsParser.parseOption("EscapeMaxVirtualObjects", "0", EconomicMap.create(), List.of(new EscapeOptionDescriptors())));
        assertEquals("EscapeMaxVirtualObjects must be at least 1, not 0", e.getMessage());
    }

    /** Not an assertion on time (the machine is shared): the figures, for the record (best of 5). */
    @Test
    void measuresTheDeepNestWithAndWithoutALimit() {
        int[] budgets = {Integer.MAX_VALUE, EscapeOptions.EscapeAnalysisBudget.getDefaultValue(), 2000};
        measure("warm-up", Slot.ESCAPE, GraalHarness.options());
        for (int budget : budgets) {
            measure("escape, budget " + budget, Slot.ESCAPE, with(EscapeOptions.EscapeAnalysisBudget, budget));
        }
        measure("graal's phase", Slot.GRAAL, GraalHarness.options());
    }

    private static void measure(String what, Slot slot, OptionValues options) {
        long nanos = Long.MAX_VALUE;
        long bytes = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            TimedAnalysis[] timed = new TimedAnalysis[1];
            GraalHarness.compile(NEST, slot, a -> timed[0] = new TimedAnalysis(a), options);
            nanos = Math.min(nanos, timed[0].nanos());
            bytes = Math.min(bytes, timed[0].bytes());
        }
        System.out.printf("deep nest, %s: slot CPU time %.1f ms, allocated %.1f MB%n", what, nanos / 1e6, bytes / 1e6);
        assertTrue(bytes > 0);
    }

    /** The graph was left as it was, every site kept for {@code limit}, and the code still right. */
    private static void assertCutOff(Compiled c, String limit) {
        assertNull(c.record().fallback());
        assertEquals("escape", c.record().analysis());
        assertEquals(c.record().before().allocations(), c.allocations());
        assertFalse(c.sites().isEmpty());
        for (SiteDecision site : c.sites()) {
            assertEquals(Decision.KEPT, site.decision(), site::describe);
            assertEquals(List.of(Cause.BUDGET), site.materializations().stream().map(Materialization::cause).toList(), site::describe);
            assertEquals(limit, site.materializations().get(0).detail());
        }
        Checks.sameAsInterpreter(c, INPUTS);
    }

    private static OptionValues with(OptionKey<Integer> key, int value) {
        return new OptionValues(GraalHarness.options(), key, value);
    }

    private static String text(CompilationRecord record) {
        StringWriter out = new StringWriter();
        ReportFormat.TEXT.write(Report.of(List.of(record), 0, null, SourceLines.none()), new PrintWriter(out));
        return out.toString();
    }

    private static Method nest() {
        try {
            return DeepNest.class.getDeclaredMethod("eightLoops", int.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
