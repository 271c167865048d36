package dev.escape.dumps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.SiteDecision;
import dev.escape.report.Report;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.StaticDeoptimizingNode;
import jdk.graal.compiler.nodes.virtual.AllocatedObjectNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.vm.ci.meta.SpeculationLog.Speculation;
import jdk.vm.ci.meta.SpeculationLog.SpeculationReason;

/**
 * The {@code escape.*} properties of a node: the decision, reason and key of the allocation
 * site(s) it stands for. Allocation nodes, virtual objects, commits (all the objects they
 * materialize) and allocated objects carry them; a speculative deoptimization of runtime feedback
 * carries {@code escape.feedback}; other nodes none.
 */
final class DecisionProperties {
    static final String DECISION = "escape.decision";
    static final String REASON = "escape.reason";
    static final String SITE = "escape.site";
    static final String LOCATION = "escape.location";
    /** On a speculative deoptimization of runtime feedback: what it speculates on and why; on the group: which feedback recompilation it is. */
    static final String FEEDBACK = "escape.feedback";

    private final Map<String, SiteDecision> bySite = new LinkedHashMap<>();
    private final Map<SpeculationReason, String> feedbackGuards;

    DecisionProperties(CompilationRecord record, Map<SpeculationReason, String> feedbackGuards) {
        for (SiteDecision s : record.sites()) {
            bySite.putIfAbsent(s.site().key(), s);
        }
        this.feedbackGuards = feedbackGuards;
    }

    Map<String, Object> of(Node node) {
        if (node instanceof StaticDeoptimizingNode deopt) {
            // The guard feedback placed, or the deoptimization canonicalization made of it: both carry its speculation.
            Speculation speculation = deopt.getSpeculation();
            SpeculationReason reason = speculation != null ? speculation.getReason() : null;
            String text = reason != null ? feedbackGuards.get(reason) : null; // (immutable maps refuse null keys)
            return text == null ? Map.of() : Map.of(FEEDBACK, text);
        }
        List<AllocationSite> sites = sitesOf(node);
        if (sites.isEmpty()) {
            return Map.of();
        }
        List<SiteDecision> decisions = sites.stream().map(s -> bySite.get(s.key())).filter(Objects::nonNull).distinct().toList();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(SITE, String.join("\n", sites.stream().map(AllocationSite::key).distinct().toList()));
        props.put(LOCATION, String.join("\n", sites.stream().map(AllocationSite::describe).distinct().toList()));
        // A commit of objects with different fates shows the one that allocates most.
        decisions.stream().max(Comparator.comparing(SiteDecision::decision)).ifPresent(d -> props.put(DECISION, Report.decisionId(d.decision())));
        List<String> reasons = new ArrayList<>();
        decisions.forEach(d -> reasons.addAll(d.explanation()));
        if (reasons.isEmpty() && !decisions.isEmpty()) {
            reasons.add("every use was scalar-replaced");
        }
        if (!reasons.isEmpty()) {
            props.put(REASON, String.join("\n", reasons));
        }
        return props;
    }

    private static List<AllocationSite> sitesOf(Node node) {
        AllocationSite site = Census.siteOf(node);
        if (site != null) {
            return List.of(site);
        }
        return switch (node) {
            case VirtualObjectNode v -> List.of(Census.virtualSite(v));
            case AllocatedObjectNode a -> List.of(Census.virtualSite(a.getVirtualObject()));
            case CommitAllocationNode c -> c.getVirtualObjects().stream().map(Census::virtualSite).toList();
            default -> List.of();
        };
    }
}
