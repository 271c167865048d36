package dev.escape.decisions;

import java.util.ArrayList;
import java.util.List;

/**
 * Decisions read off a graph before and after an escape analysis that does not explain itself
 * (Graal's own phase): a site whose allocation node survived was not virtualized; a site whose
 * objects only appear in commits was materialized; a site that left nothing was eliminated.
 * The comparison cannot see paths, so it never claims "eliminated on some paths".
 */
public final class GraphComparison {
    private GraphComparison() {
    }

    public static List<SiteDecision> decide(Census before, Census after, String analysis) {
        List<SiteDecision> decisions = new ArrayList<>();
        for (AllocationSite site : before.sites()) {
            int copies = before.nodes(site) + before.materializations(site).size();
            List<Materialization> materializations = after.materializations(site).stream()
                            .map(at -> new Materialization(at.at(), Materialization.Cause.UNKNOWN, at.use() == null ? null : "before " + at.use())).toList();
            if (after.nodes(site) > 0) {
                decisions.add(new SiteDecision(site, Decision.KEPT, copies, "not virtualized by " + analysis, materializations));
            } else if (!materializations.isEmpty()) {
                decisions.add(new SiteDecision(site, Decision.KEPT, copies, null, materializations));
            } else {
                decisions.add(new SiteDecision(site, Decision.ELIMINATED, copies, null, List.of()));
            }
        }
        return decisions;
    }
}
