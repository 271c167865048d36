package dev.escape.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;

/**
 * The one model every report format writes: the compilations grouped by method, the most
 * allocation sites first, with totals computed once. Writers only render it.
 *
 * @param methods methods with at least one allocation site or a compilation that fell back to Graal's
 *            phase or bailed out (a bailout records no sites, and must still be seen), most sites first
 * @param compilations all recorded compilations, also those without allocation sites
 * @param filter the {@code --methods} filter, or null
 * @param filteredOut compilations the filter did not match
 * @param sources where to look up the source line of a site
 */
public record Report(List<MethodReport> methods, int compilations, String filter, long filteredOut, SourceLines sources) {

    /** All compilations of one method, in the order they happened (recompilations after). */
    public record MethodReport(String method, List<CompilationRecord> compilations) {
        public int sites() {
            return compilations.stream().mapToInt(c -> c.sites().size()).sum();
        }
    }

    public static Report of(List<CompilationRecord> records, long filteredOut, String filter, SourceLines sources) {
        Map<String, List<CompilationRecord>> byMethod = new LinkedHashMap<>();
        for (CompilationRecord r : records) {
            byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r);
        }
        List<MethodReport> methods = new ArrayList<>();
        byMethod.forEach((method, compilations) -> methods.add(new MethodReport(method, List.copyOf(compilations))));
        methods.removeIf(m -> m.sites() == 0 && m.compilations().stream().allMatch(c -> c.fallback() == null));
        // Stable sort: methods with as many sites keep the order they were compiled in.
        methods.sort(Comparator.comparingInt(MethodReport::sites).reversed());
        return new Report(List.copyOf(methods), records.size(), filter, filteredOut, sources);
    }

    /** {@code eliminated}, {@code partial}, {@code kept}: how reports and dumps name a decision. */
    public static String decisionId(Decision d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    /** True when a {@code --methods} filter was given and no compiled method matched it. */
    public boolean noMethodMatched() {
        return filter != null && compilations == 0;
    }

    /** What the report says when {@link #noMethodMatched()}. */
    public String noMatchMessage() {
        return "no compiled method matched --methods=" + filter;
    }

    /** Compilations in which escape's own analysis did not run to the end (fallback or bailout). */
    public long fallbacks() {
        return methods.stream().flatMap(m -> m.compilations().stream()).filter(c -> c.fallback() != null).count();
    }

    public List<SiteDecision> allSites() {
        return methods.stream().flatMap(m -> m.compilations().stream()).flatMap(c -> c.sites().stream()).toList();
    }

    public Map<Decision, Long> countsByDecision() {
        Map<Decision, Long> counts = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            counts.put(d, 0L);
        }
        allSites().forEach(s -> counts.merge(s.decision(), 1L, Long::sum));
        return counts;
    }

    /**
     * Sites that allocate on some path (kept or partial), counted once per distinct cause; most
     * frequent first.
     */
    public Map<String, Long> keptByCause() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SiteDecision s : allSites()) {
            if (s.decision() != Decision.ELIMINATED) {
                causes(s).forEach(c -> counts.merge(c, 1L, Long::sum));
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The distinct causes that made {@code site} allocate, as short labels. */
    public static List<String> causes(SiteDecision site) {
        List<String> causes = new ArrayList<>();
        if (site.reason() != null) {
            causes.add(site.reason());
        }
        site.materializations().stream().map(Report::causeLabel).forEach(causes::add);
        if (causes.isEmpty() && site.decision() != Decision.ELIMINATED) {
            causes.add("no reason recorded");
        }
        return causes.stream().distinct().toList();
    }

    /** The cause of a materialization as a label; graph comparison cannot tell the cause. */
    public static String causeLabel(Materialization m) {
        return m.cause() == Materialization.Cause.UNKNOWN ? "cause unknown (graph comparison)" : m.cause().text;
    }

    /**
     * Why a site was decided as it was, one entry per link: the reason it was not virtualized and
     * each place it was materialized. Empty for an eliminated site.
     */
    public static List<String> explanation(SiteDecision site) {
        List<String> lines = new ArrayList<>();
        if (site.reason() != null) {
            lines.add(site.reason());
        }
        site.materializations().stream().map(Materialization::describe).forEach(lines::add);
        return lines;
    }
}
