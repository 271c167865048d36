package dev.escape.decisions;

import java.util.List;

/**
 * The decision for one allocation site in one compilation.
 *
 * @param copies how many allocation nodes the site had when the phase started (inlining, loop
 *            peeling and unrolling duplicate them)
 * @param reason why the site was kept, for a kept site that was never made virtual; null otherwise
 * @param materializations the places where the object was made real again
 */
public record SiteDecision(AllocationSite site, Decision decision, int copies, String reason, List<Materialization> materializations) {

    /** One line in the spirit of {@code go build -gcflags=-m}: site, decision, why. */
    public String describe() {
        StringBuilder sb = new StringBuilder(site.describe()).append(' ').append(decision.text);
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        if (!materializations.isEmpty()) {
            sb.append(reason == null ? ": " : "; ");
            sb.append(String.join("; ", materializations.stream().map(Materialization::describe).toList()));
        }
        return sb.toString();
    }
}
