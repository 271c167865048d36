package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.graalvm.collections.EconomicMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.escape.decisions.CompilationRecord;
import dev.escape.integration.EscapeOptionDescriptors;
import dev.escape.integration.EscapeOptions;
import dev.escape.integration.EscapePhase;
import dev.escape.launcher.LaunchOptions;
import dev.escape.launcher.ReportPlaceholder;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
import dev.escape.test.corpus.Basics;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.options.OptionKey;
import jdk.graal.compiler.options.OptionsParser;

/** What every format shares: validation in the launcher and in the Graal option, and a filter that matches nothing. */
class ReportFormatTest {

    @Test
    void launcherAndCompilerKnowTheSameFormats() {
        assertEquals(ReportFormat.ids(), LaunchOptions.REPORT_FORMATS);
    }

    @Test
    void badGraalOptionValueIsOneClearMessage() {
        EconomicMap<OptionKey<?>, Object> values = EconomicMap.create();
        OptionsParser.parseOption("EscapeReport", "html", values, List.of(new EscapeOptionDescriptors()));
        assertEquals("html", values.get(EscapeOptions.EscapeReport));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> OptionsParser.parseOption("EscapeReport", "pdf", EconomicMap.create(), List.of(new EscapeOptionDescriptors())));
        assertEquals("EscapeReport: unknown report format 'pdf'; choose one of [text, json, html]", e.getMessage());
    }

    @Test
    void aFilterThatMatchesNothingIsSaidInEveryFormat() {
        for (ReportFormat format : ReportFormat.values()) {
            String text = Reports.render(format, List.of(), "Nope.*", SourceLines.none());
            assertTrue(text.contains("no compiled method matched --methods=Nope.*"), format + ":\n" + text);
        }
        assertEquals(true, ReportJson.parse(Reports.render(ReportFormat.JSON, List.of(), "Nope.*", SourceLines.none())).get("noMethodMatched"));
    }

    @Test
    void textReportCountsCompilationsThatDidNotRunEscapesAnalysisToTheEnd() {
        CompilationRecord ran = Reports.compile("localPoint");
        CompilationRecord bailedOut = new CompilationRecord(ran.method(), "HotSpotCompilation-2", ran.analysis(), EscapePhase.BAILOUT + "escape analysis could not finish its changes",
                        ran.before(), ran.before(), List.of());
        String text = Reports.render(ReportFormat.TEXT, List.of(ran, bailedOut), null, SourceLines.none());
        assertTrue(text.contains("\n1 compilations without escape's own analysis to the end (see 'fallback:' below)\n"), text);
        assertTrue(text.contains("(fallback: bailout: escape analysis could not finish its changes)"), text);
        assertTrue(!Reports.render(ReportFormat.TEXT, List.of(ran), null, SourceLines.none()).contains("without escape's own analysis"));
    }

    /** A bailout records no allocation sites; its method must still be listed, in every format. */
    @Test
    void aMethodWhoseOnlyCompilationBailedOutIsListed() {
        CompilationRecord ran = Reports.compile("localPoint");
        CompilationRecord bailedOut = new CompilationRecord("dev.example.Other.m()", "HotSpotCompilation-3", ran.analysis(), EscapePhase.BAILOUT + "no room",
                        ran.before(), ran.before(), List.of());
        for (ReportFormat format : ReportFormat.values()) {
            String text = Reports.render(format, List.of(ran, bailedOut), null, SourceLines.none());
            assertTrue(text.contains("dev.example.Other.m()") && text.contains("no room"), format + ":\n" + text);
        }
    }

    @Test
    void textReportShowsSourceLinesWhenFound() {
        String text = Reports.render(ReportFormat.TEXT, List.of(Reports.compile("storedToStatic")), null, SourceLines.of("/nonexistent:" + Reports.TEST_SOURCES));
        assertTrue(text.matches("(?s).*Basics\\.java:\\d+: new dev\\.escape\\.test\\.corpus\\.Basics\\$Box kept: .*\n        \\| Box b = new Box\\(a\\);\n.*"), text);
    }

    @Test
    void recompilationsSayWhatChanged() throws Exception {
        // The same method without and with escape analysis: as if a recompilation had eliminated the Point.
        List<CompilationRecord> twice = List.of(GraalHarness.compile(Basics.class, "localPoint", Slot.NONE).record(), Reports.compile("localPoint"));
        String change = "Basics.java:" + Reports.lineOf("Point p = new Point(a, b);") + ": new dev.escape.test.corpus.Basics$Point: kept -> eliminated";

        String text = Reports.render(ReportFormat.TEXT, twice, null, SourceLines.none());
        assertTrue(text.contains("(#2)") && text.contains("    changes since #1:\n      " + change + "\n"), text);

        List<Object> compilations = ReportJson.asList(ReportJson.parse(Reports.render(ReportFormat.JSON, twice, null, SourceLines.none())).get("compilations"));
        assertEquals(null, ReportJson.asObject(compilations.get(0)).get("changes"));
        Map<String, Object> c = ReportJson.asObject(ReportJson.asList(ReportJson.asObject(compilations.get(1)).get("changes")).get(0));
        assertEquals(List.of("kept", "eliminated"), List.of(c.get("before"), c.get("after")));
        assertEquals(twice.get(1).sites().get(0).site().key(), c.get("key"));

        Document html = HtmlReportTest.parse(Reports.render(ReportFormat.HTML, twice, null, SourceLines.none()));
        assertEquals(List.of("Changes since #1: " + change), HtmlReportTest.select(html, "//*[local-name()='tr'][@class='changes']").stream().map(Element::getTextContent).toList());
    }

    @Test
    void launcherPlaceholderIsAValidEmptyReport() throws Exception {
        for (String filter : new String[]{null, "Odd\"\\.*"}) {
            Map<String, Object> placeholder = ReportJson.parse(ReportPlaceholder.content("json", filter, true));
            Map<String, Object> empty = ReportJson.parse(Reports.render(ReportFormat.JSON, List.of(), filter, SourceLines.none()));
            assertEquals(empty.keySet(), placeholder.keySet(), "the same fields as a report of no compilation");
            assertEquals(ReportJson.asObject(empty.get("summary")), ReportJson.asObject(placeholder.get("summary")));
            assertEquals(ReportJson.asObject(empty.get("feedback")), ReportJson.asObject(placeholder.get("feedback")));
            assertEquals(filter, placeholder.get("filter"));
            assertEquals(empty.get("noMethodMatched"), placeholder.get("noMethodMatched"));
            assertEquals(List.of(), placeholder.get("compilations"));
            assertEquals(true, placeholder.get("sitesRecorded"));
        }
        Map<String, Object> withoutSites = ReportJson.parse(ReportPlaceholder.content("json", null, false));
        assertEquals(ReportJson.parse(Reports.render(ReportFormat.JSON, Report.of(List.of(), 3, null, SourceLines.none(), List.of(), false))).get("sitesRecorded"),
                        withoutSites.get("sitesRecorded"));
        assertEquals(false, withoutSites.get("sitesRecorded"));
        Document html = HtmlReportTest.parse(ReportPlaceholder.content("html", "A.b", true));
        assertTrue(html.getDocumentElement().getTextContent().contains("no method was compiled"));
        assertTrue(ReportPlaceholder.content("text", null, true).startsWith("escape: no method was compiled"));
    }
}
