package dev.escape.decisions;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision for one allocation site in one compilation.
 *
 * @param copies how many allocation nodes the site had when the phase started (inlining, loop
 *            peeling and unrolling duplicate them)
 * @param reason why the site was kept, for a kept site that was never made virtual; null otherwise
 * @param materializations the places where the object was made real again
 * @param rewrites what the phase changed in the code between rounds so that a later round could
 *            keep the site's objects virtual, e.g. {@code loop at Foo.java:12 peeled 4 times}
 */
public record SiteDecision(AllocationSite site, Decision decision, int copies, String reason, List<Materialization> materializations, List<String> rewrites) {

    public SiteDecision(AllocationSite site, Decision decision, int copies, String reason, List<Materialization> materializations) {
        this(site, decision, copies, reason, materializations, List.of());
    }

    /** This decision, with {@code more} rewrites. */
    public SiteDecision withRewrites(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(rewrites);
        all.addAll(more);
        return new SiteDecision(site, decision, copies, reason, materializations, List.copyOf(all));
    }

    /** One line in the spirit of {@code go build -gcflags=-m}: site, decision, why ({@link #explanation}). */
    public String describe() {
        List<String> why = explanation();
        return site.describe() + ' ' + decision.text + (why.isEmpty() ? "" : ": " + String.join("; ", why));
    }

    /**
     * Why the site was decided as it was, one entry per link: the reason it was not virtualized,
     * each place it was materialized, and what the phase rewrote between rounds for it. Empty for
     * a site eliminated as written.
     */
    public List<String> explanation() {
        List<String> lines = new ArrayList<>();
        if (reason != null) {
            lines.add(reason);
        }
        for (Materialization m : materializations) {
            lines.add(m.describe());
        }
        lines.addAll(rewrites);
        return lines;
    }
}
