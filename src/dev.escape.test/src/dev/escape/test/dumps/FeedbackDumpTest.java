package dev.escape.test.dumps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;
import dev.escape.feedback.Feedback;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;
import dev.escape.integration.EscapeOptions;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.graphio.parsing.model.Group;
import jdk.graal.compiler.graphio.parsing.model.InputGraph;
import jdk.graal.compiler.graphio.parsing.model.InputNode;
import jdk.graal.compiler.options.OptionValues;
import jdk.vm.ci.code.InvalidInstalledCodeException;

/**
 * Library mode, runtime feedback end to end: instrumented code runs, the monitor finds the
 * materialization on the rare path cold, and the recompilation speculates it away. Its dump shows
 * the speculative deoptimization with {@code escape.feedback}, and the report names the speculation
 * next to the site it eliminated.
 */
class FeedbackDumpTest {
    private static final int RUNS = 30_000;
    /** Where the rare path stores its point (never, in this test). */
    static Object lastPoint;

    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    /**
     * The point is made real on the rare path (stored to a static field), so the identity test
     * after the merge needs it real on the common path too: a cold materialization next to a hot
     * one at a merge.
     */
    static int rareStoreThenMerge(int i) {
        Point p = new Point(i, i + 1);
        if (i == -12345) {
            lastPoint = p;
        }
        return p == lastPoint ? 0 : p.x + p.y;
    }

    @BeforeEach
    @AfterEach
    void forgetFeedback() {
        Feedback.reset();
    }

    @Test
    void speculativeGuardCarriesEscapeFeedbackAndTheReportSaysWhy(@TempDir Path dir) throws Exception {
        Method method = FeedbackDumpTest.class.getDeclaredMethod("rareStoreThenMerge", int.class);
        Path firstDir = Files.createDirectories(dir.resolve("first"));
        Path secondDir = Files.createDirectories(dir.resolve("second"));

        Compiled instrumented = GraalHarness.compile(method, Slot.ESCAPE, options(firstDir));
        assertNull(instrumented.record().feedback(), "the first compilation acts on no feedback");
        assertEquals(Decision.KEPT, instrumented.sites().get(0).decision(), instrumented.record().sites()::toString);
        for (int i = 0; i < RUNS; i++) {
            try {
                assertEquals(2 * i + 1, instrumented.code().executeVarargs(i));
            } catch (InvalidInstalledCodeException e) {
                break; // the monitor judged the window and ended the instrumented code: it deoptimized
            }
        }
        Feedback.pollNow();

        Compiled recompiled = GraalHarness.compile(method, Slot.ESCAPE, options(secondDir));
        assertNotNull(recompiled.record().feedback(), "the recompilation acts on feedback");
        assertEquals(1, recompiled.record().feedback().recompile());
        SiteDecision site = recompiled.sites().get(0);
        assertEquals(Decision.ELIMINATED, site.decision(), recompiled.record().sites()::toString);

        MethodFeedback feedback = Feedback.methods().stream().filter(f -> f.method().equals(recompiled.record().feedback().method())).findFirst().orElseThrow();
        FeedbackEvent speculated = feedback.events().stream().filter(e -> e.kind() == FeedbackEvent.Kind.SPECULATED).findFirst()
                        .orElseThrow(() -> new AssertionError(feedback.events().toString()));
        assertEquals(site.site().describe(), speculated.site());

        // The dump: the deoptimization that took the guard's place carries the event's text; the group says which recompilation it is.
        Group group = EscapeDumpTest.onlyGroup(secondDir, "rareStoreThenMerge");
        assertEquals("feedback recompilation #1 of " + feedback.method(), group.getProperties().get("escape.feedback"));
        InputGraph after = Bgv.graph(group, EscapeDumpTest.AFTER);
        List<InputNode> guards = after.getNodes().stream().filter(n -> Bgv.property(n, "escape.feedback") != null).toList();
        assertEquals(1, guards.size(), () -> after.getNodes().stream().map(EscapeDumpTest::simpleClass).toList().toString());
        assertTrue(List.of("DeoptimizeNode", "FixedGuardNode").contains(EscapeDumpTest.simpleClass(guards.get(0))), EscapeDumpTest.simpleClass(guards.get(0)));
        assertEquals(speculated.describe(), Bgv.property(guards.get(0), "escape.feedback"));
        assertTrue(Bgv.graph(group, EscapeDumpTest.BEFORE).getNodes().stream().noneMatch(n -> Bgv.property(n, "escape.feedback") != null), "the guard is placed by the phase");
        assertTrue(EscapeDumpTest.onlyGroup(firstDir, "rareStoreThenMerge").getGraphs().stream().flatMap(g -> g.getNodes().stream())
                        .noneMatch(n -> Bgv.property(n, "escape.feedback") != null), "no guard without feedback to act on");

        // The report: the eliminated site says what feedback did.
        StringWriter text = new StringWriter();
        ReportFormat.TEXT.write(Report.of(List.of(instrumented.record(), recompiled.record()), 0, null, SourceLines.none(), Feedback.methods()), new PrintWriter(text));
        String line = site.site().describe() + " eliminated (after feedback: its materialization " + speculated.materialization() + " ran 0 of ";
        assertTrue(text.toString().contains(line), () -> line + "\n" + text);
        assertTrue(text.toString().contains("times; speculated)"), text::toString);
    }

    private static OptionValues options(Path dumps) {
        return new OptionValues(GraalHarness.options(), EscapeOptions.EscapeFeedback, true, EscapeOptions.EscapeDumpPath, dumps.toString());
    }
}
