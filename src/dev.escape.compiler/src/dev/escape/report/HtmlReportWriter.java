package dev.escape.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;

/**
 * The report for a browser: one self-contained XHTML file (styles and SVG inline, no scripts) with
 * the summary as charts and a table per method, most sites first; with runtime feedback, the
 * allocations it counted and what it did come first, and the decisions it changed are marked.
 * Well-formed XML, so tests and tools can parse it.
 */
final class HtmlReportWriter {
    private static final String STYLE = """
                    body { font-family: sans-serif; margin: 2em; color: #222; }
                    table { border-collapse: collapse; margin-bottom: 2em; }
                    th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
                    code, .method { font-family: monospace; }
                    tr.eliminated td.decision { background: #d7f5d7; }
                    tr.partial td.decision { background: #fff1c4; }
                    tr.kept td.decision { background: #f9d0d0; }
                    .missing { color: #999; font-style: italic; }
                    td.source { min-width: 16em; }
                    td svg { max-width: 36em; height: auto; }
                    svg text { font: 12px monospace; }
                    rect.bar.eliminated { fill: #3c9a3c; } rect.bar.partial { fill: #e0a800; } rect.bar.kept, rect.bar.cause { fill: #c0392b; }
                    rect.box { fill: #fff; stroke: #555; } rect.box.alloc { fill: #eef; }
                    line.arrow { stroke: #555; } path.arrowhead { fill: #555; }
                    td.count { text-align: right; font-family: monospace; }
                    .feedback-marker { white-space: nowrap; font-size: smaller; background: #dde8ff; border-radius: 3px; padding: 0 4px; margin-left: 6px; }
                    li.feedback { color: #1a4f9c; }
                    """;

    private HtmlReportWriter() {
    }

    static void write(Report report, PrintWriter out) {
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<!DOCTYPE html>");
        out.println("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/><title>escape report</title>");
        out.println("<style>" + STYLE + "</style></head><body>");
        out.println("<h1>escape report</h1>");
        summary(report, out);
        if (report.hasFeedback()) {
            allocationsCounted(report, out);
            feedback(report, out);
        }
        charts(report, out);
        for (Report.MethodReport method : report.methods()) {
            method(report, method, out);
        }
        out.println("</body></html>");
    }

    private static void summary(Report report, PrintWriter out) {
        Map<Decision, Long> counts = report.countsByDecision();
        out.printf("<p id=\"summary\">%d compilations, %d allocation sites: %d eliminated, %d eliminated on some paths (partial), %d kept.</p>%n", report.compilations(),
                        report.allSites().size(), counts.get(Decision.ELIMINATED), counts.get(Decision.PARTIAL), counts.get(Decision.KEPT));
        if (!report.sitesRecorded()) {
            out.printf("<p id=\"no-sites\">%s.</p>%n", Xml.escape(Report.SITES_NOT_RECORDED));
        }
        if (report.filter() != null) {
            out.printf("<p id=\"filter\">Methods matching <code>%s</code> (%d other compilations not shown).</p>%n", Xml.escape(report.filter()), report.filteredOut());
            if (report.noMethodMatched()) {
                out.printf("<p id=\"no-match\" class=\"missing\">%s</p>%n", Xml.escape(report.noMatchMessage()));
            }
        }
    }

    /** The ranking of the text report as a table: the sites with the most allocations counted at run time. */
    private static void allocationsCounted(Report report, PrintWriter out) {
        List<Report.CountedSite> sites = report.allocationsCounted();
        List<Report.CountedSite> counted = sites.stream().filter(s -> s.allocations() > 0).toList();
        out.println("<h2 id=\"allocations-counted\">Allocations counted at run time</h2>");
        out.printf("<p>Objects made real where escape materialized them, counted while instrumented code ran (not every allocation of the program): "
                        + "%d of %d instrumented sites allocated, the top %d below.</p>%n", counted.size(), sites.size(), Math.min(counted.size(), Report.TOP_COUNTED_SITES));
        if (counted.isEmpty()) {
            return;
        }
        out.println("<table class=\"allocations-counted\">");
        out.println("<tr><th>Allocations</th><th>Site</th><th>Method</th><th>Site ran</th><th>Where made real</th></tr>");
        for (Report.CountedSite s : counted.subList(0, Math.min(counted.size(), Report.TOP_COUNTED_SITES))) {
            out.printf("<tr class=\"counted\"><td class=\"count\">%s</td><td><code>%s</code></td><td class=\"method\">%s</td><td class=\"count\">%s</td><td><ul>",
                            Report.thousands(s.allocations()), Xml.escape(s.site()), Xml.escape(s.method()), s.siteRuns() >= 0 ? Report.thousands(s.siteRuns()) : "?");
            for (Report.CountedAt m : s.materializations()) {
                out.printf("<li>%s: materialized %s</li>", Report.thousands(m.allocations()), Xml.escape(m.materialization()));
            }
            out.println("</ul></td></tr>");
        }
        out.println("</table>");
    }

    /** Each method runtime feedback recompiled, with what each recompilation did. */
    private static void feedback(Report report, PrintWriter out) {
        List<MethodFeedback> acted = report.feedbackActions();
        out.println("<h2 id=\"runtime-feedback\">Runtime feedback</h2>");
        out.printf("<p>%s.</p>%n", Xml.escape(report.feedbackSummary()));
        for (MethodFeedback f : acted) {
            out.printf("<h3 class=\"method\">%s: %d feedback recompilation%s</h3>%n", Xml.escape(f.method()), f.recompiles(), f.recompiles() == 1 ? "" : "s");
            out.printf("<ul class=\"feedback-events\" data-method=\"%s\">", Xml.escape(f.method()));
            for (FeedbackEvent e : f.events()) {
                out.printf("<li data-kind=\"%s\">#%d: %s</li>", e.kind().name(), e.recompile(), Xml.escape(e.describe()));
            }
            out.println("</ul>");
        }
    }

    private static void charts(Report report, PrintWriter out) {
        Map<Decision, Long> counts = report.countsByDecision();
        List<Svg.Bar> decisions = new ArrayList<>();
        for (Decision d : Decision.values()) {
            decisions.add(new Svg.Bar(d.text, counts.get(d), Report.decisionId(d)));
        }
        out.println("<h2>Decisions</h2>");
        out.println(Svg.barChart("allocation sites by decision", decisions));
        Map<String, Long> causes = report.keptByCause();
        if (!causes.isEmpty()) {
            out.println("<h2>Kept (or partial) by cause</h2>");
            out.println(Svg.barChart("kept and partial sites by cause", causes.entrySet().stream().map(e -> new Svg.Bar(e.getKey(), e.getValue(), "cause")).toList()));
        }
    }

    private static void method(Report report, Report.MethodReport method, PrintWriter out) {
        out.printf("<h2 class=\"method\">%s</h2>%n", Xml.escape(method.method()));
        out.printf("<table class=\"method-sites\" data-method=\"%s\">%n", Xml.escape(method.method()));
        out.println("<tr><th>Compilation</th><th>Site</th><th>Decision</th><th>Why</th><th>Source</th></tr>");
        List<CompilationRecord> compilations = method.compilations();
        for (int n = 0; n < compilations.size(); n++) {
            CompilationRecord r = compilations.get(n);
            String compilation = r.compilationId() + (compilations.size() > 1 ? " (#" + (n + 1) + ")" : "") + ", " + r.analysis() +
                            (r.fallback() != null ? " (fallback: " + r.fallback() + ")" : "") + (r.feedback() != null ? ", feedback recompilation #" + r.feedback().recompile() : "") +
                            ", allocations " + r.before().allocations() + " \u2192 " + r.after().allocations();
            if (n > 0 && Change.comparable(compilations.get(n - 1), r)) {
                List<Change> changes = Change.between(compilations.get(n - 1), r);
                out.printf("<tr class=\"changes\"><td colspan=\"5\">Changes since #%d: %s</td></tr>%n", n,
                                changes.isEmpty() ? "none" : String.join("; ", changes.stream().map(c -> Xml.escape(c.describe())).toList()));
            }
            for (SiteDecision s : r.sites()) {
                site(report, r, s, compilation, out);
            }
            if (r.sites().isEmpty()) {
                // e.g. a bailout: no sites were recorded, but the compilation must be seen
                out.printf("<tr class=\"compilation\"><td colspan=\"5\">%s</td></tr>%n", Xml.escape(compilation));
            }
        }
        out.println("</table>");
    }

    private static void site(Report report, CompilationRecord r, SiteDecision s, String compilation, PrintWriter out) {
        String decision = Report.decisionId(s.decision());
        List<String> feedback = report.feedbackNotes(r, s);
        out.printf("<tr class=\"site %s%s\" data-site=\"%s\">", decision, feedback.isEmpty() ? "" : " feedback", Xml.escape(s.site().key()));
        out.printf("<td>%s</td><td><code>%s</code></td><td class=\"decision\">%s%s</td><td>", Xml.escape(compilation), Xml.escape(s.site().describe()), Xml.escape(s.decision().text),
                        feedback.isEmpty() ? "" : "<span class=\"feedback-marker\" title=\"decided after runtime feedback\">after feedback</span>");
        List<String> why = s.explanation();
        if (!why.isEmpty() || !feedback.isEmpty()) {
            out.print("<ul>");
            why.forEach(line -> out.print("<li>" + Xml.escape(line) + "</li>"));
            feedback.forEach(note -> out.print("<li class=\"feedback\">after feedback: " + Xml.escape(note) + "</li>"));
            out.print("</ul>");
        }
        if (s.decision() != Decision.ELIMINATED) {
            out.print(Svg.path(s.site().describe(), steps(s)));
        }
        String source = report.sources().line(s.site().origin());
        out.print("</td><td class=\"source\">");
        out.print(source != null ? "<code>" + Xml.escape(source) + "</code>" : "<span class=\"missing\">source not found</span>");
        out.println("</td></tr>");
    }

    /** The materialization points; a site that was never virtual is allocated where it is written. */
    private static List<Svg.Step> steps(SiteDecision s) {
        List<Svg.Step> steps = new ArrayList<>();
        if (s.reason() != null) {
            steps.add(new Svg.Step("allocated as written", s.reason()));
        }
        for (Materialization m : s.materializations()) {
            String where = m.at().isEmpty() ? "an unknown position" : m.at().get(0).location();
            boolean held = m.cause() == Materialization.Cause.HOLDER_ESCAPED && m.holder() != null;
            String label = "materialized at " + where + (held || m.detail() == null || m.detail().isEmpty() ? "" : " (" + m.detail() + ")");
            String cause = held ? m.holderChain() : Report.causeLabel(m);
            steps.add(new Svg.Step(label, cause));
        }
        return steps;
    }
}
