package dev.escape.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;

/**
 * The report for people: a summary, then each compiled method (most sites first) with one line
 * per allocation site, like {@code Foo.java:42: new Point eliminated}, and the source line under
 * it when {@code --source-path} finds it. Recompilations of a method are listed under it.
 */
final class TextReportWriter {
    private TextReportWriter() {
    }

    static void write(Report report, PrintWriter out) {
        Map<Decision, Long> counts = report.countsByDecision();
        out.printf("escape report: %d compilations, %d allocation sites: %d eliminated, %d eliminated on some paths, %d kept%n", report.compilations(),
                        report.allSites().size(), counts.get(Decision.ELIMINATED), counts.get(Decision.PARTIAL), counts.get(Decision.KEPT));
        if (report.fallbacks() > 0) {
            out.printf("%d compilations without escape's own analysis to the end (see 'fallback:' below)%n", report.fallbacks());
        }
        if (report.filter() != null) {
            out.printf("methods matching %s (%d other compilations not shown)%n", report.filter(), report.filteredOut());
            if (report.noMethodMatched()) {
                out.println(report.noMatchMessage());
            }
        }
        for (Report.MethodReport method : report.methods()) {
            out.println();
            out.println(method.method());
            List<CompilationRecord> compilations = method.compilations();
            for (int n = 0; n < compilations.size(); n++) {
                CompilationRecord r = compilations.get(n);
                out.printf("  compilation %s%s, analysis %s%s: allocations %d -> %d%n", r.compilationId(), compilations.size() > 1 ? " (#" + (n + 1) + ")" : "",
                                r.analysis(), r.fallback() != null ? " (fallback: " + r.fallback() + ")" : "", r.before().allocations(), r.after().allocations());
                if (n > 0 && Change.comparable(compilations.get(n - 1), r)) {
                    List<Change> changes = Change.between(compilations.get(n - 1), r);
                    out.printf("    changes since #%d:%s%n", n, changes.isEmpty() ? " none" : "");
                    changes.forEach(c -> out.println("      " + c.describe()));
                }
                for (SiteDecision site : r.sites()) {
                    out.println("    " + site.describe());
                    String source = report.sources().line(site.site().origin());
                    if (source != null) {
                        out.println("        | " + source);
                    }
                }
            }
        }
    }
}
