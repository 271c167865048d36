package dev.escape.decisions;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report for people: a summary, then each compiled method with one line per allocation site,
 * like {@code Foo.java:42: new Point eliminated}. Recompilations of a method are listed under it.
 */
public final class TextReport {
    private TextReport() {
    }

    /**
     * @param filter the {@code --methods} filter, or null
     */
    public static void write(List<CompilationRecord> records, long filteredOut, String filter, PrintWriter out) {
        long sites = records.stream().mapToLong(r -> r.sites().size()).sum();
        out.printf("escape report: %d compilations, %d allocation sites: %d eliminated, %d eliminated on some paths, %d kept%n", records.size(), sites,
                        count(records, Decision.ELIMINATED), count(records, Decision.PARTIAL), count(records, Decision.KEPT));
        if (filter != null) {
            out.printf("methods matching %s (%d other compilations not shown)%n", filter, filteredOut);
            if (records.isEmpty()) {
                out.printf("no compiled method matched --methods=%s%n", filter);
            }
        }
        Map<String, List<CompilationRecord>> byMethod = new LinkedHashMap<>();
        for (CompilationRecord r : records) {
            byMethod.computeIfAbsent(r.method(), m -> new java.util.ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<CompilationRecord>> e : byMethod.entrySet()) {
            if (e.getValue().stream().allMatch(r -> r.sites().isEmpty())) {
                continue;
            }
            out.println();
            out.println(e.getKey());
            int n = 0;
            for (CompilationRecord r : e.getValue()) {
                n++;
                out.printf("  compilation %s%s, analysis %s%s: allocations %d -> %d%n", r.compilationId(), e.getValue().size() > 1 ? " (#" + n + ")" : "",
                                r.analysis(), r.fallback() != null ? " (fallback: " + r.fallback() + ")" : "", r.before().allocations(), r.after().allocations());
                for (SiteDecision site : r.sites()) {
                    out.println("    " + site.describe());
                }
            }
        }
        out.flush();
    }

    private static long count(List<CompilationRecord> records, Decision d) {
        return records.stream().mapToLong(r -> r.count(d)).sum();
    }
}
