package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
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

    private static Map<String, Object> compilationOf(List<Object> compilations, String method) {
        return compilations.stream().map(ReportJson::asObject).filter(c -> method.equals(c.get("method"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no compilation of " + method));
    }
}
