package dev.escape.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;

/**
 * The report for people: a summary, then each compiled method (most sites first) with one line
 * per allocation site, like {@code Foo.java:42: new Point eliminated}, and the source line under
 * it when {@code --source-path} finds it. Recompilations of a method are listed under it. With
 * runtime feedback, the allocations it counted (most first) and what it did come before the methods.
 */
final class TextReportWriter {
    private TextReportWriter() {
    }

    static void write(Report report, PrintWriter out) {
        Map<Decision, Long> counts = report.countsByDecision();
        out.printf("escape report: %d compilations, %d allocation sites: %d eliminated, %d eliminated on some paths, %d kept%n", report.compilations(),
                        report.allSites().size(), counts.get(Decision.ELIMINATED), counts.get(Decision.PARTIAL), counts.get(Decision.KEPT));
        if (!report.sitesRecorded()) {
            out.println(Report.SITES_NOT_RECORDED);
        }
        if (report.fallbacks() > 0) {
            out.printf("%d compilations without escape's own analysis to the end (see 'fallback:' below)%n", report.fallbacks());
        }
        if (report.filter() != null) {
            out.printf("methods matching %s (%d other compilations not shown)%n", report.filter(), report.filteredOut());
            if (report.noMethodMatched()) {
                out.println(report.noMatchMessage());
            }
        }
        if (report.hasFeedback()) {
            allocationsCounted(report, out);
            feedback(report, out);
        }
        for (Report.MethodReport method : report.methods()) {
            out.println();
            out.println(method.method());
            List<CompilationRecord> compilations = method.compilations();
            for (int n = 0; n < compilations.size(); n++) {
                CompilationRecord r = compilations.get(n);
                out.printf("  compilation %s%s, analysis %s%s%s: allocations %d -> %d%n", r.compilationId(), compilations.size() > 1 ? " (#" + (n + 1) + ")" : "",
                                r.analysis(), r.fallback() != null ? " (fallback: " + r.fallback() + ")" : "",
                                r.feedback() != null ? ", feedback recompilation #" + r.feedback().recompile() : "", r.before().allocations(), r.after().allocations());
                if (n > 0 && Change.comparable(compilations.get(n - 1), r)) {
                    List<Change> changes = Change.between(compilations.get(n - 1), r);
                    out.printf("    changes since #%d:%s%n", n, changes.isEmpty() ? " none" : "");
                    changes.forEach(c -> out.println("      " + c.describe()));
                }
                for (SiteDecision site : r.sites()) {
                    out.println("    " + report.describe(r, site));
                    String source = report.sources().line(site.site().origin());
                    if (source != null) {
                        out.println("        | " + source);
                    }
                }
            }
        }
    }

    /**
     * Where the program allocated, as far as instrumented code counted: the sites with the most
     * objects made real first, each with its materializations.
     */
    private static void allocationsCounted(Report report, PrintWriter out) {
        List<Report.CountedSite> sites = report.allocationsCounted();
        List<Report.CountedSite> counted = sites.stream().filter(s -> s.allocations() > 0).toList();
        out.println();
        out.println("Allocations counted at run time (objects made real where escape materialized them, while instrumented code ran; most first)");
        if (counted.isEmpty()) {
            out.printf("  none (%d sites instrumented)%n", sites.size());
        }
        List<Report.CountedSite> top = counted.subList(0, Math.min(counted.size(), Report.TOP_COUNTED_SITES));
        int width = top.isEmpty() ? 1 : Report.thousands(top.get(0).allocations()).length();
        for (Report.CountedSite s : top) {
            out.printf("  %" + width + "s  %s, in %s%s%n", Report.thousands(s.allocations()), s.site(), s.method(),
                            s.siteRuns() >= 0 ? ", site ran " + Report.thousands(s.siteRuns()) + " times" : "");
            for (Report.CountedAt m : s.materializations()) {
                out.printf("  %" + width + "s  %" + width + "s  materialized %s%n", "", Report.thousands(m.allocations()), m.materialization());
            }
        }
        if (counted.size() > top.size()) {
            long rest = counted.subList(top.size(), counted.size()).stream().mapToLong(Report.CountedSite::allocations).sum();
            out.printf("  ... %d more sites: %s allocations%n", counted.size() - top.size(), Report.thousands(rest));
        }
        if (!counted.isEmpty() && counted.size() < sites.size()) {
            out.printf("  %d more sites instrumented, none counted%n", sites.size() - counted.size());
        }
    }

    /** Each method runtime feedback recompiled: what each feedback recompilation did. */
    private static void feedback(Report report, PrintWriter out) {
        List<MethodFeedback> acted = report.feedbackActions();
        out.println();
        out.println("Runtime feedback: " + report.feedbackSummary());
        for (MethodFeedback f : acted) {
            out.printf("  %s: %d feedback recompilation%s%n", f.method(), f.recompiles(), f.recompiles() == 1 ? "" : "s");
            for (FeedbackEvent e : f.events()) {
                out.printf("    #%d: %s%n", e.recompile(), e.describe());
            }
        }
    }
}
