package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.escape.decisions.AllocationKind;
import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Frame;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;

/** The JSON report, read back with a strict parser: the fields of docs/report-schema.md, with their values. */
class JsonReportTest {

    @Test
    void realCompilationsAndAPartialDecisionParseBack() throws Exception {
        Reports.ThreeKinds three = Reports.ThreeKinds.compile();
        CompilationRecord eliminated = three.eliminated();
        CompilationRecord kept = three.kept();
        CompilationRecord partial = three.partial();
        String text = three.render(ReportFormat.JSON);
        assertTrue(text.chars().allMatch(c -> c < 0x7f), "pure ASCII");
        Map<String, Object> json = ReportJson.parse(text);

        assertEquals("escape-report", json.get("schema"));
        assertEquals(1L, json.get("version"));
        assertNull(json.get("filter"));
        assertEquals(false, json.get("noMethodMatched"));
        Map<String, Object> summary = ReportJson.asObject(json.get("summary"));
        assertEquals(3L, summary.get("compilations"));
        assertEquals(List.of(1L, 1L, 1L, 3L), List.of(summary.get("eliminated"), summary.get("partial"), summary.get("kept"), summary.get("sites")));

        List<Object> compilations = ReportJson.asList(json.get("compilations"));
        assertEquals(3, compilations.size());
        Map<String, Object> keptJson = compilationOf(compilations, kept.method());
        assertEquals(kept.compilationId(), keptJson.get("compilationId"));
        assertEquals(kept.analysis(), keptJson.get("analysis"));
        assertEquals(kept.fallback(), keptJson.get("fallback"));
        assertEquals((long) kept.before().allocations(), ReportJson.asObject(keptJson.get("before")).get("allocations"));
        assertEquals((long) kept.after().allocations(), ReportJson.asObject(keptJson.get("after")).get("allocations"));

        Map<String, Object> keptSite = ReportJson.asObject(ReportJson.asList(keptJson.get("sites")).get(0));
        SiteDecision keptDecision = kept.sites().get(0);
        assertEquals("kept", keptSite.get("decision"));
        assertEquals("dev.escape.test.corpus.Basics$Box", keptSite.get("type"));
        assertEquals("NEW_INSTANCE", keptSite.get("kind"));
        assertEquals(keptDecision.site().key(), keptSite.get("key"));
        Map<String, Object> origin = ReportJson.asObject(ReportJson.asList(keptSite.get("frames")).get(0));
        assertEquals("dev.escape.test.corpus.Basics", origin.get("class"));
        assertEquals("storedToStatic", origin.get("method"));
        assertEquals("(I)I", origin.get("signature"));
        assertEquals("Basics.java", origin.get("file"));
        assertEquals((long) Reports.lineOf("Box b = new Box(a);"), origin.get("line"), "first 'new Box(a)' line of storedToStatic");
        assertEquals("Box b = new Box(a);", keptSite.get("source"));
        List<Object> ms = ReportJson.asList(keptSite.get("materializations"));
        assertEquals(keptDecision.materializations().size(), ms.size());
        for (int i = 0; i < ms.size(); i++) {
            Materialization m = keptDecision.materializations().get(i);
            Map<String, Object> mJson = ReportJson.asObject(ms.get(i));
            assertEquals(m.key(keptDecision.site()), mJson.get("key"));
            assertEquals(m.cause().name(), mJson.get("cause"));
            assertEquals(m.detail(), mJson.get("detail"));
        }

        Map<String, Object> eliminatedSite = ReportJson.asObject(ReportJson.asList(compilationOf(compilations, eliminated.method()).get("sites")).get(0));
        assertEquals("eliminated", eliminatedSite.get("decision"));
        assertEquals(List.of(), eliminatedSite.get("explanation"));
        assertEquals(List.of(), eliminatedSite.get("materializations"));
    }

    @Test
    void namesAreEscapedAndCausesKept() {
        CompilationRecord partial = Reports.partialWithAwkwardNames();
        Map<String, Object> json = ReportJson.parse(Reports.render(ReportFormat.JSON, List.of(partial), null, SourceLines.none()));
        Map<String, Object> c = ReportJson.asObject(ReportJson.asList(json.get("compilations")).get(0));
        assertEquals(partial.method(), c.get("method"), "quotes, markup, backslash and non-ASCII survive");
        assertEquals(partial.compilationId(), c.get("compilationId"));
        Map<String, Object> site = ReportJson.asObject(ReportJson.asList(c.get("sites")).get(0));
        assertEquals("partial", site.get("decision"));
        assertNull(site.get("source"), "no source path: no source line");
        List<Object> ms = ReportJson.asList(site.get("materializations"));
        Map<String, Object> call = ReportJson.asObject(ms.get(0));
        assertEquals("CALL", call.get("cause"));
        assertEquals("passed to a call that was not inlined", call.get("causeText"));
        assertEquals("Log.log(Object) <too large>\u0001", call.get("detail"));
        Map<String, Object> held = ReportJson.asObject(ms.get(1));
        assertEquals("HOLDER_ESCAPED", held.get("cause"));
        assertEquals(partial.sites().get(0).materializations().get(1).holder().key(), held.get("holderSite"));
        Map<String, Object> frame = ReportJson.asObject(ReportJson.asList(held.get("at")).get(0));
        assertNull(frame.get("file"));
        assertNull(frame.get("line"));
        assertEquals(15L, frame.get("bci"));
        List<Object> causes = ReportJson.asList(ReportJson.asObject(json.get("summary")).get("keptByCause"));
        assertEquals(List.of("passed to a call that was not inlined", "its holder escaped"), causes.stream().map(o -> ReportJson.asObject(o).get("cause")).toList());
    }

    /**
     * A report without sites ({@code --no-sites}) says so, counts every compilation and lists those
     * that fell back, so that a long run can keep count of escape's health without the cost of sites.
     */
    @Test
    void withoutSitesOnlyFallbacksAreListed() {
        Census.Counts counts = new Census.Counts(2, 0, 0, 0, 0, 0);
        CompilationRecord ok = new CompilationRecord("A.ok()", "HotSpotCompilation-1", "escape", null, counts, new Census.Counts(0, 0, 0, 0, 0, 2), List.of());
        CompilationRecord fellBack = new CompilationRecord("A.odd()", "HotSpotCompilation-2", "graal", "an object would be allocated right after an exception merge", counts, counts,
                        List.of());
        Report report = Report.of(List.of(ok, fellBack), 0, null, SourceLines.none(), List.of(), false);
        Map<String, Object> json = ReportJson.parse(Reports.render(ReportFormat.JSON, report));
        assertEquals(false, json.get("sitesRecorded"));
        assertEquals(2L, ReportJson.asObject(json.get("summary")).get("compilations"));
        List<Object> listed = ReportJson.asList(json.get("compilations"));
        assertEquals(1, listed.size());
        assertEquals(fellBack.fallback(), ReportJson.asObject(listed.get(0)).get("fallback"));
        assertEquals(true, ReportJson.parse(Reports.render(ReportFormat.JSON, List.of(ok), null, SourceLines.none())).get("sitesRecorded"));
        String text = Reports.render(ReportFormat.TEXT, report);
        assertTrue(text.contains(Report.SITES_NOT_RECORDED), text);
        assertTrue(text.contains("A.odd()") && !text.contains("A.ok()"), text);
    }

    /**
     * Truffle's partial evaluation inlines chains of hundreds of interpreter frames, in every site
     * and materialization: the report lists the innermost and outermost frames of a long chain and
     * how many it left out, and keys still tell apart chains that differ only in the middle.
     */
    @Test
    void longInliningChainsAreBounded() {
        List<Frame> chain = chain(300, 7);
        AllocationSite site = new AllocationSite("js.Obj", AllocationKind.NEW_INSTANCE, chain, "app.js:3");
        Materialization m = new Materialization(chain.subList(1, chain.size()), Materialization.Cause.CALL, "Log.log(Object)");
        CompilationRecord r = new CompilationRecord("render (Truffle)", "TruffleHotSpotCompilation-9", "escape", null, new Census.Counts(1, 1, 0, 0, 0, 0),
                        new Census.Counts(1, 0, 0, 0, 1, 1), List.of(new SiteDecision(site, Decision.KEPT, 1, null, List.of(m))));
        String text = Reports.render(ReportFormat.JSON, List.of(r), null, SourceLines.none());
        assertTrue(text.length() < 10_000, "a site with a 300-frame chain takes " + text.length() + " characters");

        Map<String, Object> siteJson = ReportJson.asObject(ReportJson.asList(ReportJson.asObject(ReportJson.asList(ReportJson.parse(text).get("compilations")).get(0)).get("sites")).get(0));
        List<Object> frames = ReportJson.asList(siteJson.get("frames"));
        assertEquals(Frame.INNERMOST + Frame.OUTERMOST, frames.size());
        assertEquals(300L - frames.size(), siteJson.get("framesOmitted"));
        assertEquals(0L, ReportJson.asObject(frames.get(0)).get("bci"), "the allocation first");
        assertEquals(299L, ReportJson.asObject(frames.get(frames.size() - 1)).get("bci"), "the compiled root last");
        Map<String, Object> mJson = ReportJson.asObject(ReportJson.asList(siteJson.get("materializations")).get(0));
        assertEquals(299L - frames.size(), mJson.get("atOmitted"));
        assertTrue(((String) siteJson.get("key")).contains(" <- ... (300 frames #"), siteJson.get("key").toString());
        assertTrue(((String) siteJson.get("description")).contains(" <- ... " + (299 - frames.size()) + " frames ... <- "), siteJson.get("description").toString());

        AllocationSite otherMiddle = new AllocationSite("js.Obj", AllocationKind.NEW_INSTANCE, chain(300, 8), "app.js:3");
        assertNotEquals(site.key(), otherMiddle.key(), "chains that differ in a frame left out");
        assertEquals(site.key(), new AllocationSite("js.Obj", AllocationKind.NEW_INSTANCE, chain(300, 7), "app.js:3").key(), "stable");
        assertNotEquals(m.key(site), new Materialization(chain(300, 8).subList(1, 300), Materialization.Cause.CALL, null).key(site));
    }

    /** {@code length} frames, innermost first, frame i at bci i; frame 150 is in method {@code variant}. */
    private static List<Frame> chain(int length, int variant) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            frames.add(new Frame("js.Node" + (i % 5), i == 150 ? "m" + variant : "execute", "(Ljava/lang/Object;)Ljava/lang/Object;", i, "Node.java", 100 + i));
        }
        return frames;
    }

    private static Map<String, Object> compilationOf(List<Object> compilations, String method) {
        return compilations.stream().map(ReportJson::asObject).filter(c -> method.equals(c.get("method"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no compilation of " + method));
    }
}
