package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.graalvm.collections.EconomicMap;
import org.junit.jupiter.api.Test;

import dev.escape.integration.EscapeOptionDescriptors;
import dev.escape.integration.EscapeOptions;
import dev.escape.launcher.LaunchOptions;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
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
        assertEquals(true, MiniJson.asObject(MiniJson.parse(Reports.render(ReportFormat.JSON, List.of(), "Nope.*", SourceLines.none()))).get("noMethodMatched"));
    }

    @Test
    void textReportShowsSourceLinesWhenFound() {
        String text = Reports.render(ReportFormat.TEXT, List.of(Reports.compile("storedToStatic")), null, SourceLines.of("/nonexistent:" + Reports.TEST_SOURCES));
        assertTrue(text.matches("(?s).*Basics\\.java:\\d+: new dev\\.escape\\.test\\.corpus\\.Basics\\$Box kept: .*\n        \\| Box b = new Box\\(a\\);\n.*"), text);
    }
}
