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
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;

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
 * @param feedback what runtime feedback did and counted, per method it instrumented or recompiled
 *            (with a filter, only the methods it matched); empty without runtime feedback
 * @param sitesRecorded false when the compilations were recorded without their allocation sites
 *            ({@code EscapeReportSites=false}): the report lists the compilations with a fallback only
 */
public record Report(List<MethodReport> methods, int compilations, String filter, long filteredOut, SourceLines sources, List<MethodFeedback> feedback, boolean sitesRecorded) {

    /** What the report says when {@link #sitesRecorded} is false. */
    public static final String SITES_NOT_RECORDED = "allocation sites not recorded (EscapeReportSites=false, --no-sites): only the compilations that fell back are listed";

    /** All compilations of one method, in the order they happened (recompilations after). */
    public record MethodReport(String method, List<CompilationRecord> compilations) {
        public int sites() {
            return compilations.stream().mapToInt(c -> c.sites().size()).sum();
        }
    }

    /** A site's allocations counted at run time, in one compiled method, with where they were made real. */
    public record CountedSite(String method, String site, long allocations, long siteRuns, List<CountedAt> materializations) {
    }

    /**
     * Objects of a site made real at one materialization while instrumented code ran.
     *
     * @param siteRuns how often the site ran while this materialization was counted, -1 if the site itself was not counted
     */
    public record CountedAt(String materialization, long allocations, long siteRuns) {
    }

    /** Without runtime feedback. */
    public static Report of(List<CompilationRecord> records, long filteredOut, String filter, SourceLines sources) {
        return of(records, filteredOut, filter, sources, List.of());
    }

    /**
     * @param feedback what runtime feedback did and counted ({@code Feedback.methods()}): methods it
     *            neither instrumented nor recompiled are left out, and with a {@code filter} those
     *            not in {@code records}
     */
    public static Report of(List<CompilationRecord> records, long filteredOut, String filter, SourceLines sources, List<MethodFeedback> feedback) {
        return of(records, filteredOut, filter, sources, feedback, true);
    }

    /** @param sitesRecorded see {@link Report#sitesRecorded} */
    public static Report of(List<CompilationRecord> records, long filteredOut, String filter, SourceLines sources, List<MethodFeedback> feedback, boolean sitesRecorded) {
        Map<String, List<CompilationRecord>> byMethod = new LinkedHashMap<>();
        for (CompilationRecord r : records) {
            byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r);
        }
        List<MethodReport> methods = new ArrayList<>();
        byMethod.forEach((method, compilations) -> methods.add(new MethodReport(method, List.copyOf(compilations))));
        methods.removeIf(m -> m.sites() == 0 && m.compilations().stream().allMatch(c -> c.fallback() == null));
        // Stable sort: methods with as many sites keep the order they were compiled in.
        methods.sort(Comparator.comparingInt(MethodReport::sites).reversed());
        // Feedback has a record of every method it instrumented; the report shows those it counted in or acted on.
        List<MethodFeedback> shown = feedback.stream().filter(f -> f.recompiles() > 0 || !f.events().isEmpty() || !f.counted().isEmpty())
                        .filter(f -> filter == null || byMethod.containsKey(feedbackRoot(f.method()))).toList();
        return new Report(List.copyOf(methods), records.size(), filter, filteredOut, sources, List.copyOf(shown), sitesRecorded);
    }

    /** The compiled method runtime feedback names {@code method} for: without its OSR entry. */
    private static String feedbackRoot(String method) {
        int osr = method.indexOf(" (OSR at bci ");
        return osr < 0 ? method : method.substring(0, osr);
    }

    /** True if runtime feedback instrumented or recompiled a method: then the report shows what it counted and did first. */
    public boolean hasFeedback() {
        return !feedback.isEmpty();
    }

    /**
     * What runtime feedback did in compilation {@code r} about {@code site}: for a feedback
     * recompilation, its events about the site (found by the site's description), each as
     * {@code its materialization at Foo.java:14 (returned) ran 0 of 1,204,000 times; speculated}.
     * Empty for other compilations and sites.
     */
    public List<String> feedbackNotes(CompilationRecord r, SiteDecision site) {
        CompilationRecord.FeedbackRound round = r.feedback();
        if (round == null || feedback.isEmpty()) {
            return List.of();
        }
        String described = site.site().describe();
        List<String> notes = new ArrayList<>();
        for (MethodFeedback f : feedback) {
            if (!f.method().equals(round.method())) {
                continue;
            }
            for (FeedbackEvent e : f.events()) {
                if (e.recompile() == round.recompile() && described.equals(e.site()) && e.kind() != FeedbackEvent.Kind.FAILED && e.kind() != FeedbackEvent.Kind.LIMIT) {
                    notes.add(new FeedbackEvent(e.recompile(), e.kind(), null, e.materialization(), e.count(), e.siteCount()).describe());
                }
            }
        }
        return notes.stream().distinct().toList();
    }

    /**
     * The site's line as the text report writes it: {@link SiteDecision#describe()}, then what
     * feedback did about it, e.g. {@code Foo.java:12: new Point eliminated (after feedback: its
     * materialization at Foo.java:14 (returned) ran 0 of 1,204,000 times; speculated)}.
     */
    public String describe(CompilationRecord r, SiteDecision site) {
        StringBuilder sb = new StringBuilder(site.describe());
        feedbackNotes(r, site).forEach(note -> sb.append(" (after feedback: ").append(note).append(')'));
        return sb.toString();
    }

    /**
     * The sites whose objects instrumented code counted, most allocations first (like pprof's
     * allocation profile, but only of the materializations escape placed and only while
     * instrumented code ran): per compiled method and site, the allocations summed over every
     * instrumented compilation, and per materialization. A site's {@code siteRuns} is the most any
     * of its materializations saw (-1 if the site itself was never counted).
     */
    public List<CountedSite> allocationsCounted() {
        Map<List<String>, Map<String, long[]>> bySite = new LinkedHashMap<>();
        for (MethodFeedback f : feedback) {
            for (MethodFeedback.Counted c : f.counted()) {
                long[] at = bySite.computeIfAbsent(List.of(f.method(), c.site()), k -> new LinkedHashMap<>()).computeIfAbsent(c.materialization(), k -> new long[] {0, -1});
                at[0] += c.allocations();
                if (c.siteRuns() >= 0) {
                    at[1] = Math.max(0, at[1]) + c.siteRuns();
                }
            }
        }
        List<CountedSite> sites = new ArrayList<>();
        bySite.forEach((key, ats) -> {
            List<CountedAt> materializations = new ArrayList<>();
            ats.forEach((m, counts) -> materializations.add(new CountedAt(m, counts[0], counts[1])));
            materializations.sort(Comparator.comparingLong(CountedAt::allocations).reversed());
            long allocations = materializations.stream().mapToLong(CountedAt::allocations).sum();
            long siteRuns = materializations.stream().mapToLong(CountedAt::siteRuns).max().orElse(-1);
            sites.add(new CountedSite(key.get(0), key.get(1), allocations, siteRuns, List.copyOf(materializations)));
        });
        sites.sort(Comparator.comparingLong(CountedSite::allocations).reversed().thenComparing(CountedSite::method).thenComparing(CountedSite::site));
        return List.copyOf(sites);
    }

    /** Sites the text and HTML reports rank by allocations counted at run time (JSON lists all). */
    static final int TOP_COUNTED_SITES = 20;

    /** {@code 1,204,000}, whatever the default locale. */
    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The methods runtime feedback recompiled or did something to, in the order of {@link #feedback}. */
    public List<MethodFeedback> feedbackActions() {
        return feedback.stream().filter(f -> f.recompiles() > 0 || !f.events().isEmpty()).toList();
    }

    /** {@code 3 methods instrumented, 1 recompiled after feedback}. */
    String feedbackSummary() {
        long instrumented = feedback.stream().filter(f -> !f.counted().isEmpty()).count();
        int acted = feedbackActions().size();
        return instrumented + (instrumented == 1 ? " method" : " methods") + " instrumented, " + (acted == 0 ? "none" : Integer.toString(acted)) + " recompiled after feedback";
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
}
