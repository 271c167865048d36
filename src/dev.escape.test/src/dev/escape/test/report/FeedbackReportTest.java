package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.escape.decisions.AllocationKind;
import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Frame;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.FeedbackEvent.Kind;
import dev.escape.feedback.MethodFeedback;
import dev.escape.feedback.MethodFeedback.Counted;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;

/**
 * The feedback parts of the report in every format, from records and feedback built here (no
 * feedback has to run): the allocations counted at run time, ranked, then what each feedback
 * recompilation did, and the sites it changed saying so.
 */
class FeedbackReportTest {
    private static final String METHOD = "p.Foo.bar(int)";
    private static final String OSR = METHOD + " (OSR at bci 7)";
    private static final AllocationSite POINT = site("p.Point", 12);
    private static final AllocationSite BOX = site("p.Box", 20);
    private static final Materialization STORED = new Materialization(List.of(frame(14)), Materialization.Cause.STORE_STATIC, "Foo.last");
    private static final Materialization MERGED = new Materialization(List.of(frame(16)), Materialization.Cause.MERGE, null);
    private static final Materialization CALL = new Materialization(List.of(frame(22)), Materialization.Cause.CALL, "Log.log(Object)");

    /** What the example of the issue says: the eliminated site, with the speculation that made it so. */
    private static final String ELIMINATED_LINE = "Foo.java:12: new p.Point eliminated (after feedback: its materialization at Foo.java:14 (stored to a static field: Foo.last) "
                    + "ran 0 of 1,204,000 times; speculated)";

    private static Frame frame(int line) {
        return new Frame("p.Foo", "bar", "(I)I", line * 2, "Foo.java", line);
    }

    private static AllocationSite site(String type, int line) {
        return new AllocationSite(type, AllocationKind.NEW_INSTANCE, List.of(frame(line)));
    }

    private static final Census.Counts TWO = new Census.Counts(2, 0, 0, 0, 0, 0);

    /** The first compilation: instrumented, both sites allocate. */
    private static final CompilationRecord FIRST = new CompilationRecord(METHOD, "HotSpotCompilation-10", "escape", null, TWO, TWO,
                    List.of(new SiteDecision(POINT, Decision.KEPT, 1, null, List.of(STORED, MERGED)), new SiteDecision(BOX, Decision.PARTIAL, 1, null, List.of(CALL))));
    /** The feedback recompilation: the point's cold path speculated away, the box's call inlined. */
    private static final CompilationRecord SECOND = new CompilationRecord(METHOD, "HotSpotCompilation-20", "escape", null, TWO, new Census.Counts(0, 0, 0, 0, 1, 1),
                    List.of(new SiteDecision(POINT, Decision.ELIMINATED, 1, null, List.of()), new SiteDecision(BOX, Decision.PARTIAL, 1, null, List.of(CALL))),
                    new CompilationRecord.FeedbackRound(METHOD, 1));

    private static List<MethodFeedback> feedback() {
        String point = POINT.describe();
        String box = BOX.describe();
        MethodFeedback bar = new MethodFeedback(METHOD, 1, List.of(
                        new FeedbackEvent(1, Kind.SPECULATED, point, STORED.place(), 0, 1_204_000),
                        new FeedbackEvent(1, Kind.INLINED, box, CALL.place(), 990_000, 1_000_000),
                        new FeedbackEvent(1, Kind.LIMIT, null, null, -1, -1)),
                        List.of(new Counted(point, STORED.place(), 0, 1_204_000), new Counted(point, MERGED.place(), 1_204_000, 1_204_000),
                                        new Counted(box, CALL.place(), 5_000, -1),
                                        // the same materialization in the recompiled code: counts add up
                                        new Counted(box, CALL.place(), 2_000, -1)));
        MethodFeedback osr = new MethodFeedback(OSR, 0, List.of(), List.of(new Counted(point, MERGED.place(), 70_000, 80_000)));
        MethodFeedback quiet = new MethodFeedback("p.Quiet.run()", 0, List.of(), List.of(new Counted("Quiet.java:3: new p.Q", "at Quiet.java:4 (returned)", 0, 10)));
        // compiled while feedback was on, but nothing to count: not in the report
        MethodFeedback nothing = new MethodFeedback("p.Nothing.run()", 0, List.of(), List.of());
        return List.of(bar, osr, quiet, nothing);
    }

    private static String render(ReportFormat format, List<MethodFeedback> feedback, String filter) {
        StringWriter out = new StringWriter();
        format.write(Report.of(List.of(FIRST, SECOND), 0, filter, SourceLines.none(), feedback), new PrintWriter(out));
        return out.toString();
    }

    @Test
    void textStartsWithTheRankingAndTheFeedbackThenSaysWhatChanged() {
        String text = render(ReportFormat.TEXT, feedback(), null);
        List<String> lines = text.lines().toList();
        int ranking = lines.indexOf("Allocations counted at run time (objects made real where escape materialized them, while instrumented code ran; most first)");
        int feedback = lines.indexOf("Runtime feedback: 3 methods instrumented, 1 recompiled after feedback");
        int firstMethod = lines.indexOf(METHOD);
        assertTrue(ranking > 0 && ranking < feedback && feedback < firstMethod, text);
        assertTrue(lines.subList(0, ranking).stream().allMatch(l -> l.startsWith("escape report:") || l.isEmpty()), "only the summary comes before the ranking:\n" + text);

        assertEquals(List.of(
                        "  1,204,000  Foo.java:12: new p.Point, in p.Foo.bar(int), site ran 1,204,000 times",
                        "             1,204,000  materialized at Foo.java:16 (merged with another value)",
                        "                     0  materialized at Foo.java:14 (stored to a static field: Foo.last)",
                        "     70,000  Foo.java:12: new p.Point, in p.Foo.bar(int) (OSR at bci 7), site ran 80,000 times",
                        "                70,000  materialized at Foo.java:16 (merged with another value)",
                        "      7,000  Foo.java:20: new p.Box, in p.Foo.bar(int)",
                        "                 7,000  materialized at Foo.java:22 (passed to a call that was not inlined: Log.log(Object))",
                        "  1 more sites instrumented, none counted"), lines.subList(ranking + 1, feedback - 1));

        assertEquals(List.of(
                        "  p.Foo.bar(int): 1 feedback recompilation",
                        "    #1: Foo.java:12: new p.Point: its materialization at Foo.java:14 (stored to a static field: Foo.last) ran 0 of 1,204,000 times; speculated",
                        "    #1: Foo.java:20: new p.Box: its materialization at Foo.java:22 (passed to a call that was not inlined: Log.log(Object)) ran 990,000 of 1,000,000 times; call inlined",
                        "    #1: feedback recompilation limit reached"), lines.subList(feedback + 1, firstMethod - 1));

        assertTrue(lines.contains("  compilation HotSpotCompilation-20 (#2), analysis escape, feedback recompilation #1: allocations 2 -> 1"), text);
        assertTrue(lines.contains("    " + ELIMINATED_LINE), text);
        assertTrue(lines.contains("    Foo.java:20: new p.Box eliminated on some paths: materialized at Foo.java:22 (passed to a call that was not inlined: Log.log(Object)) "
                        + "(after feedback: its materialization at Foo.java:22 (passed to a call that was not inlined: Log.log(Object)) ran 990,000 of 1,000,000 times; call inlined)"), text);
        assertTrue(lines.contains("    Foo.java:12: new p.Point kept: materialized at Foo.java:14 (stored to a static field: Foo.last); materialized at Foo.java:16 (merged with another value)"),
                        "the compilation before feedback is as it was:\n" + text);
    }

    @Test
    void withoutFeedbackTheReportIsAsBefore() {
        StringWriter out = new StringWriter();
        ReportFormat.TEXT.write(Report.of(List.of(FIRST, SECOND), 0, null, SourceLines.none()), new PrintWriter(out));
        assertEquals(out.toString(), render(ReportFormat.TEXT, List.of(), null));
        assertFalse(out.toString().contains("Allocations counted"), out::toString);
        assertFalse(out.toString().contains("Runtime feedback"), out::toString);
        assertEquals(out.toString(), render(ReportFormat.TEXT, List.of(new MethodFeedback("p.Nothing.run()", 0, List.of(), List.of())), null),
                        "a method feedback neither instrumented nor recompiled is not shown");
        assertFalse(out.toString().contains("after feedback"), "no events, no notes:\n" + out);

        Map<String, Object> json = ReportJson.parse(render(ReportFormat.JSON, List.of(), null));
        Map<String, Object> feedback = ReportJson.asObject(json.get("feedback"));
        assertEquals(List.of(), feedback.get("methods"));
        assertEquals(List.of(), feedback.get("allocationsCounted"));

        String html = render(ReportFormat.HTML, List.of(), null);
        assertFalse(html.contains("id=\"runtime-feedback\""), html);
        assertFalse(html.contains("class=\"feedback-marker\""), html);
    }

    @Test
    void jsonHasTheFeedbackObjectAndTheNotesOnSites() {
        String text = render(ReportFormat.JSON, feedback(), null);
        assertTrue(text.chars().allMatch(c -> c < 0x7f), "pure ASCII");
        Map<String, Object> json = ReportJson.parse(text);
        Map<String, Object> feedback = ReportJson.asObject(json.get("feedback"));

        List<Object> methods = ReportJson.asList(feedback.get("methods"));
        assertEquals(List.of(METHOD, OSR, "p.Quiet.run()"), methods.stream().map(m -> ReportJson.asObject(m).get("method")).toList());
        Map<String, Object> bar = ReportJson.asObject(methods.get(0));
        assertEquals(1L, bar.get("recompiles"));
        List<Object> events = ReportJson.asList(bar.get("events"));
        assertEquals(3, events.size());
        Map<String, Object> speculated = ReportJson.asObject(events.get(0));
        assertEquals(1L, speculated.get("recompile"));
        assertEquals("SPECULATED", speculated.get("kind"));
        assertEquals(POINT.describe(), speculated.get("site"));
        assertEquals("at Foo.java:14 (stored to a static field: Foo.last)", speculated.get("materialization"));
        assertEquals(0L, speculated.get("count"));
        assertEquals(1_204_000L, speculated.get("siteCount"));
        assertEquals("Foo.java:12: new p.Point: its materialization at Foo.java:14 (stored to a static field: Foo.last) ran 0 of 1,204,000 times; speculated",
                        speculated.get("description"));
        Map<String, Object> limit = ReportJson.asObject(events.get(2));
        assertEquals("LIMIT", limit.get("kind"));
        assertNull(limit.get("site"));
        assertNull(limit.get("materialization"));
        assertNull(limit.get("count"), "not counted: null");
        assertNull(limit.get("siteCount"));
        assertTrue(limit.containsKey("count") && limit.containsKey("siteCount") && limit.containsKey("site"), "every field is present");
        List<Object> counted = ReportJson.asList(bar.get("counted"));
        assertEquals(4, counted.size());
        Map<String, Object> boxCounted = ReportJson.asObject(counted.get(2));
        assertEquals(List.of(BOX.describe(), CALL.place(), 5_000L), List.of(boxCounted.get("site"), boxCounted.get("materialization"), boxCounted.get("allocations")));
        assertTrue(boxCounted.containsKey("siteRuns"));
        assertNull(boxCounted.get("siteRuns"));

        List<Object> ranking = ReportJson.asList(feedback.get("allocationsCounted"));
        assertEquals(List.of(1_204_000L, 70_000L, 7_000L, 0L), ranking.stream().map(s -> ReportJson.asObject(s).get("allocations")).toList(), "most first, every site");
        Map<String, Object> top = ReportJson.asObject(ranking.get(0));
        assertEquals(METHOD, top.get("method"));
        assertEquals(POINT.describe(), top.get("site"));
        assertEquals(1_204_000L, top.get("siteRuns"));
        List<Object> at = ReportJson.asList(top.get("materializations"));
        assertEquals(List.of(MERGED.place(), STORED.place()), at.stream().map(m -> ReportJson.asObject(m).get("materialization")).toList());
        assertNull(ReportJson.asObject(ranking.get(2)).get("siteRuns"), "the box's site was not counted");

        List<Object> compilations = ReportJson.asList(json.get("compilations"));
        Map<String, Object> first = ReportJson.asObject(compilations.get(0));
        Map<String, Object> second = ReportJson.asObject(compilations.get(1));
        assertTrue(first.containsKey("feedbackRecompile"));
        assertNull(first.get("feedbackRecompile"));
        assertEquals(1L, second.get("feedbackRecompile"));
        Map<String, Object> eliminated = ReportJson.asObject(ReportJson.asList(second.get("sites")).get(0));
        assertEquals("eliminated", eliminated.get("decision"));
        assertEquals(List.of("its materialization at Foo.java:14 (stored to a static field: Foo.last) ran 0 of 1,204,000 times; speculated"), eliminated.get("feedback"));
        assertEquals(ELIMINATED_LINE, eliminated.get("description"));
        Map<String, Object> before = ReportJson.asObject(ReportJson.asList(first.get("sites")).get(0));
        assertEquals(List.of(), before.get("feedback"), "the compilation before feedback has no notes");
    }

    @Test
    void aFilterKeepsTheFeedbackOfTheMethodsItMatched() {
        Map<String, Object> json = ReportJson.parse(render(ReportFormat.JSON, feedback(), "p.Foo.*"));
        List<Object> methods = ReportJson.asList(ReportJson.asObject(json.get("feedback")).get("methods"));
        assertEquals(List.of(METHOD, OSR), methods.stream().map(m -> ReportJson.asObject(m).get("method")).toList(), "p.Quiet.run() was not recorded: not shown");
    }

    @Test
    void htmlHasTheSectionsAndMarksTheDecisionsFeedbackChanged() throws Exception {
        Document html = HtmlReportTest.parse(render(ReportFormat.HTML, feedback(), null));
        List<String> headings = HtmlReportTest.select(html, "//*[local-name()='h2']").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("Allocations counted at run time", "Runtime feedback", "Decisions"), headings.subList(0, 3), headings::toString);

        List<Element> counted = HtmlReportTest.select(html, "//*[local-name()='table'][@class='allocations-counted']//*[local-name()='tr'][@class='counted']");
        assertEquals(3, counted.size(), "sites that counted no allocation are left out");
        assertTrue(counted.get(0).getTextContent().startsWith("1,204,000Foo.java:12: new p.Point"), counted.get(0).getTextContent());

        List<Element> events = HtmlReportTest.select(html, "//*[local-name()='ul'][@class='feedback-events']/*[local-name()='li']");
        assertEquals(List.of("SPECULATED", "INLINED", "LIMIT"), events.stream().map(e -> e.getAttribute("data-kind")).toList());

        List<Element> rows = HtmlReportTest.select(html, "//*[local-name()='tr'][contains(@class,'site')]");
        assertEquals(4, rows.size());
        Element eliminated = rows.get(2);
        assertEquals("site eliminated feedback", eliminated.getAttribute("class"));
        assertEquals(1, HtmlReportTest.select(eliminated, ".//*[@class='feedback-marker']").size());
        assertTrue(eliminated.getTextContent().contains("feedback recompilation #1"), eliminated.getTextContent());
        List<Element> notes = HtmlReportTest.select(eliminated, ".//*[local-name()='li'][@class='feedback']");
        assertEquals(List.of("after feedback: its materialization at Foo.java:14 (stored to a static field: Foo.last) ran 0 of 1,204,000 times; speculated"),
                        notes.stream().map(Element::getTextContent).toList());
        assertEquals("site kept", rows.get(0).getAttribute("class"), "the compilation before feedback is not marked");
        assertEquals(0, HtmlReportTest.select(rows.get(0), ".//*[@class='feedback-marker']").size());
    }
}
