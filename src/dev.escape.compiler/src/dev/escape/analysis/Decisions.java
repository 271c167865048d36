package dev.escape.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Census;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.decisions.SiteDecision;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.NodeSourcePosition;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.CallTargetNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.ReturnNode;
import jdk.graal.compiler.nodes.UnwindNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.java.AbstractNewArrayNode;
import jdk.graal.compiler.nodes.java.AccessIndexedNode;
import jdk.graal.compiler.nodes.java.MonitorEnterNode;
import jdk.graal.compiler.nodes.java.MonitorExitNode;
import jdk.graal.compiler.nodes.java.StoreFieldNode;
import jdk.graal.compiler.nodes.java.StoreIndexedNode;
import jdk.graal.compiler.nodes.spi.VirtualizerTool;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * The analysis's own account of what it did, turned into {@link SiteDecision}s: which allocation
 * each virtual object came from, and for each materialization the node that forced it, why, and
 * whether it lies on every path from the allocation (kept) or only on some (partial).
 * Materializations are recorded when their effect is applied, so discarded loop iterations leave
 * no trace.
 */
public final class Decisions {
    private record Origin(AllocationSite site, HIRBlock block) {
    }

    private record Event(VirtualObjectNode object, AllocationSite site, Materialization materialization, HIRBlock block) {
    }

    private final Map<VirtualObjectNode, Origin> origins = new IdentityHashMap<>();
    private final List<Event> events = new ArrayList<>();
    /** Sites whose allocation node could not be made virtual, with why. */
    private final Map<String, Materialization> notVirtualized = new LinkedHashMap<>();
    private Analysis analysis;
    /** The limit the analysis stopped at before changing anything (see {@link #stopped}), or null. */
    private String stoppedAt;

    void attach(Analysis owner) {
        this.analysis = owner;
    }

    void created(VirtualObjectNode object, Node creator) {
        if (origins.containsKey(object)) {
            return;
        }
        AllocationSite site = Census.siteOf(creator);
        origins.put(object, new Origin(site != null ? site : Census.virtualSite(object), analysis.blockOf(creator)));
    }

    /** An effect recording that the allocation {@code node} stays as it is, and why. */
    Effect notVirtualized(Node node, VirtualizerTool tool) {
        AllocationSite site = Census.siteOf(node);
        Materialization m = new Materialization(site.frames(), whyNotVirtual(node, tool), detailNotVirtual(node, tool));
        return graph -> notVirtualized.put(site.key(), m);
    }

    private static Cause whyNotVirtual(Node node, VirtualizerTool tool) {
        if (node instanceof AbstractNewArrayNode array && array.length().isConstant() && array.length().asJavaConstant().asInt() > tool.getMaximumEntryCount()) {
            return Cause.TOO_LARGE;
        }
        return Cause.NOT_VIRTUALIZABLE;
    }

    private static String detailNotVirtual(Node node, VirtualizerTool tool) {
        if (node instanceof AbstractNewArrayNode array) {
            return array.length().isConstant() ? "length " + array.length().asJavaConstant().asInt() + " > " + tool.getMaximumEntryCount() + " (MaximumEscapeAnalysisArrayLength)"
                            : "length not a constant";
        }
        return node.getClass().getSimpleName().replaceFirst("Node$", "");
    }

    /** {@code merged} stands for objects of the site of {@code input} meeting at a phi. */
    void merged(VirtualObjectNode merged, VirtualObjectNode input) {
        Origin origin = origins.get(input);
        if (origin != null) {
            origins.putIfAbsent(merged, origin);
        }
    }

    /** An effect recording that {@code object} is materialized before {@code position} for {@code user}. */
    Effect materialized(VirtualObjectNode object, VirtualObjectNode holder, FixedNode position, Node user, Cause given) {
        Origin origin = origins.get(object);
        AllocationSite site = origin != null ? origin.site() : Census.virtualSite(object);
        Cause cause = holder != null ? Cause.HOLDER_ESCAPED : given != null ? given : classify(user, object);
        AllocationSite holderSite = holder == null ? null : origins.containsKey(holder) ? origins.get(holder).site() : Census.virtualSite(holder);
        NodeSourcePosition where = position(user, position);
        Materialization m = new Materialization(AllocationSite.frames(where), cause, holder != null ? null : detail(user, cause), holderSite);
        HIRBlock block = analysis.blockOf(position);
        return graph -> events.add(new Event(object, site, m, block));
    }

    private static NodeSourcePosition position(Node user, FixedNode position) {
        for (Node n : new Node[]{user, position}) {
            if (n != null && n.getNodeSourcePosition() != null && !n.getNodeSourcePosition().isPlaceholder()) {
                return n.getNodeSourcePosition();
            }
        }
        return null;
    }

    /**
     * True if every path from the allocation of {@code object} to the end of the method passes one
     * of its materializations: then it was kept, not eliminated on some paths.
     */
    private boolean materializedOnEveryPath(VirtualObjectNode object, List<Event> mine) {
        Origin origin = origins.get(object);
        if (origin == null || origin.block() == null) {
            return true;
        }
        Set<HIRBlock> cuts = new HashSet<>();
        for (Event e : mine) {
            if (e.object() == object) {
                cuts.add(e.block());
            }
        }
        Set<HIRBlock> seen = new HashSet<>();
        Deque<HIRBlock> work = new ArrayDeque<>(List.of(origin.block()));
        while (!work.isEmpty()) {
            HIRBlock b = work.pop();
            if (cuts.contains(b) || !seen.add(b)) {
                continue;
            }
            if (b.getSuccessorCount() == 0) {
                return false;
            }
            for (int i = 0; i < b.getSuccessorCount(); i++) {
                work.push(b.getSuccessorAt(i));
            }
        }
        return true;
    }

    private Cause classify(Node user, VirtualObjectNode object) {
        return switch (user) {
            case Invoke i -> Cause.CALL;
            case CallTargetNode c -> Cause.CALL;
            case StoreFieldNode s -> s.isStatic() ? Cause.STORE_STATIC : Cause.STORE_FIELD;
            case AccessIndexedNode a when analysis.resolveAny(a.array()) == object -> Cause.VARIABLE_INDEX;
            case StoreIndexedNode s -> Cause.STORE_ARRAY;
            case ReturnNode r -> Cause.RETURN;
            case UnwindNode u -> Cause.THROW;
            case MonitorEnterNode m -> Cause.MONITOR;
            case MonitorExitNode m -> Cause.MONITOR;
            case AbstractMergeNode m -> Cause.MERGE;
            case null -> Cause.NOT_VIRTUALIZABLE;
            default -> Cause.NOT_VIRTUALIZABLE;
        };
    }

    private static String detail(Node user, Cause cause) {
        return switch (user) {
            case Invoke i -> i.callTarget().targetMethod().format("%h.%n(%p)");
            case CallTargetNode c -> c.targetMethod().format("%h.%n(%p)");
            case StoreFieldNode s -> s.field().format("%h.%n");
            case null -> null;
            default -> cause == Cause.NOT_VIRTUALIZABLE ? user.getClass().getSimpleName().replaceFirst("Node$", "") : null;
        };
    }

    /** The analysis stopped at {@code limit} ({@link Budget}) and left the graph as it was: every site is kept. */
    public void stopped(Budget.Exhausted limit) {
        stoppedAt = limit.getMessage();
    }

    /** One decision per allocation site the phase started with. */
    public List<SiteDecision> decide(Census before, Census after) {
        Map<String, List<Event>> bySite = new LinkedHashMap<>();
        for (Event e : events) {
            bySite.computeIfAbsent(e.site().key(), k -> new ArrayList<>()).add(e);
        }
        List<SiteDecision> result = new ArrayList<>();
        for (AllocationSite site : before.sites()) {
            int copies = before.nodes(site) + before.materializations(site).size();
            List<Event> mine = bySite.getOrDefault(site.key(), List.of());
            List<Materialization> materializations = mine.stream().map(Event::materialization).toList();
            if (stoppedAt != null) {
                result.add(new SiteDecision(site, Decision.KEPT, copies, "not virtualized", List.of(new Materialization(site.frames(), Cause.BUDGET, stoppedAt))));
            } else if (notVirtualized.containsKey(site.key())) {
                List<Materialization> all = new ArrayList<>(List.of(notVirtualized.get(site.key())));
                all.addAll(materializations);
                result.add(new SiteDecision(site, Decision.KEPT, copies, "not virtualized", all));
            } else if (mine.isEmpty()) {
                // Allocation nodes left that this analysis never saw were made by another phase.
                result.add(after.nodes(site) > 0 ? new SiteDecision(site, Decision.KEPT, copies, "not virtualized", List.of())
                                : new SiteDecision(site, Decision.ELIMINATED, copies, null, List.of()));
            } else if (mine.stream().allMatch(e -> materializedOnEveryPath(e.object(), mine))) {
                result.add(new SiteDecision(site, Decision.KEPT, copies, null, materializations));
            } else {
                result.add(new SiteDecision(site, Decision.PARTIAL, copies, null, materializations));
            }
        }
        return result;
    }
}
