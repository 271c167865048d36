package dev.escape.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Census;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Frame;
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
import jdk.graal.compiler.nodes.StructuredGraph;
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
 * no trace. When the analysis runs in rounds, each round has its own Decisions and later rounds
 * are chained with {@link #then}: their verdicts replace earlier ones for the sites they saw.
 */
public final class Decisions {
    /**
     * Where objects of a site came from. {@code blocks} holds every creator's block: after a first
     * round, one virtual object is often created by several commits (one per materialization).
     */
    private record Origin(AllocationSite site, Node creator, Set<HIRBlock> blocks) {
    }

    private record Event(VirtualObjectNode object, AllocationSite site, Materialization materialization, HIRBlock block, FixedNode position, boolean besideReal) {
    }

    /**
     * A materialization the analysis placed: of an object of {@code site}, first created by
     * {@code creator} (its allocation node, or a commit of an earlier round), just before
     * {@code position} in the graph the analysis ran on. {@code besideReal}: at the end of a path into a
     * merge where the object is real on another path (runtime feedback may find that path cold).
     */
    public record Placed(AllocationSite site, Node creator, Materialization materialization, FixedNode position, boolean besideReal) {
    }

    /** The effect that records a materialization when applied; {@link Analysis#plan} reads it without applying. */
    record Recording(Decisions owner, Event event) implements Effect {
        @Override
        public void apply(StructuredGraph graph) {
            owner.events.add(event);
        }

        Placed placed() {
            Origin origin = owner.origins.get(event.object());
            return new Placed(event.site(), origin != null ? origin.creator() : null, event.materialization(), event.position(), event.besideReal());
        }
    }

    private final Map<VirtualObjectNode, Origin> origins = new IdentityHashMap<>();
    private final List<Event> events = new ArrayList<>();
    /** Sites whose allocation node could not be made virtual, with why. */
    private final Map<String, Materialization> notVirtualized = new LinkedHashMap<>();
    private Analysis analysis;
    /** The next round's decisions, made on the graph this round left; null after the last round. */
    private Decisions next;
    /** Indexes for {@link #decide}, built once all effects are applied. */
    private Set<String> seen;
    private Map<String, List<Event>> bySite;
    /** What was rewritten between this round and the next for the objects of each site (by key): {@link SiteDecision#rewrites}. */
    private final Map<String, List<String>> rewrites = new LinkedHashMap<>();
    /** The limit the analysis stopped at before changing anything (see {@link #stopped}), or null. */
    private String stoppedAt;

    void attach(Analysis owner) {
        this.analysis = owner;
    }

    /** Forgets what an analysis whose result is dropped recorded (it runs again, see {@link Analysis#analyze}). */
    public void reset() {
        origins.clear();
        events.clear();
        notVirtualized.clear();
        rewrites.clear();
    }

    /**
     * Between this round and the next, the code around {@code objects} was rewritten so that the
     * next round may keep them virtual: {@code thing}, the node {@code where} it is, and
     * {@code how}, e.g. {@code loop at Foo.java:12 peeled 4 times}, said of each of their sites once.
     */
    void rewrote(List<VirtualObjectNode> objects, String thing, Node where, String how) {
        List<Frame> at = AllocationSite.frames(hasPosition(where) ? where.getNodeSourcePosition() : null);
        String text = thing + (at.isEmpty() ? "" : " at " + at.get(0).location()) + " " + how;
        for (VirtualObjectNode object : objects) {
            Origin origin = origins.get(object);
            if (origin == null) {
                continue;
            }
            List<String> ofSite = rewrites.get(origin.site().key());
            if (ofSite == null) {
                ofSite = new ArrayList<>();
                rewrites.put(origin.site().key(), ofSite);
            }
            if (!ofSite.contains(text)) {
                ofSite.add(text);
            }
        }
    }

    void created(VirtualObjectNode object, Node creator) {
        Origin origin = origins.get(object);
        if (origin == null) {
            AllocationSite site = Census.siteOf(creator);
            origin = new Origin(site != null ? site : Census.virtualSite(object), creator, new HashSet<>());
            origins.put(object, origin);
        }
        HIRBlock block = analysis.blockOf(creator);
        if (block != null) {
            origin.blocks().add(block);
        }
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

    /**
     * Why and where an object is made real before {@code position} for {@code user}: {@code cause},
     * which every materialization must name, with {@code detail} or, if null, what {@code user}
     * says; {@link #recorded} records it.
     */
    Materialization materialization(FixedNode position, Node user, Cause cause, String detail) {
        Objects.requireNonNull(cause, "a materialization needs its cause");
        return new Materialization(AllocationSite.frames(position(user, position)), cause, detail != null ? detail : detail(user, cause));
    }

    /**
     * The materialization of an object made real together with {@code holder}, which held it and
     * was made real as {@code ofHolder} says (null if not known): the whole chain of holders is kept.
     */
    Materialization heldBy(VirtualObjectNode holder, Materialization ofHolder, FixedNode position, Node user) {
        List<AllocationSite> chain = new ArrayList<>(List.of(siteOf(holder)));
        String why = null;
        if (ofHolder != null) {
            chain.addAll(ofHolder.holders());
            why = ofHolder.cause() == Cause.HOLDER_ESCAPED ? ofHolder.detail() : ofHolder.reason();
        }
        return new Materialization(AllocationSite.frames(position(user, position)), Cause.HOLDER_ESCAPED, why, List.copyOf(chain));
    }

    private AllocationSite siteOf(VirtualObjectNode object) {
        Origin origin = origins.get(object);
        return origin != null ? origin.site() : Census.virtualSite(object);
    }

    /** An effect recording {@code m}, a materialization of {@code object} before {@code position} ({@code besideReal}: see {@link Placed}). */
    Effect recorded(VirtualObjectNode object, Materialization m, FixedNode position, boolean besideReal) {
        return new Recording(this, new Event(object, siteOf(object), m, analysis.blockOf(position), position, besideReal));
    }

    /**
     * Where a materialization is, for the report: the source position of the node that needs the
     * object, or of the node it is placed before, or else (the end of a merge's predecessor, a node
     * some phase added) of the closest fixed node before it that has one.
     */
    private static NodeSourcePosition position(Node user, FixedNode position) {
        if (hasPosition(user)) {
            return user.getNodeSourcePosition();
        }
        Node n = position;
        for (int steps = 0; n != null && steps < MAX_STEPS_BACK; steps++, n = n.predecessor()) {
            if (hasPosition(n)) {
                return n.getNodeSourcePosition();
            }
        }
        return null;
    }

    /** Fixed nodes {@link #position} walks back at most: a long straight line of nodes without positions has none to find. */
    private static final int MAX_STEPS_BACK = 1_000;

    private static boolean hasPosition(Node n) {
        return n != null && n.getNodeSourcePosition() != null && !n.getNodeSourcePosition().isPlaceholder();
    }

    /** True if every object of {@code mine} (the events of one site) is materialized on every path from its allocation. */
    private boolean materializedOnEveryPath(List<Event> mine) {
        for (Event e : mine) {
            if (!materializedOnEveryPath(e.object(), mine)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if every path from the allocation of {@code object} to the end of the method passes one
     * of its materializations: then it was kept, not eliminated on some paths.
     */
    private boolean materializedOnEveryPath(VirtualObjectNode object, List<Event> mine) {
        Origin origin = origins.get(object);
        if (origin == null || origin.blocks().isEmpty()) {
            return true;
        }
        Set<HIRBlock> cuts = new HashSet<>();
        for (Event e : mine) {
            if (e.object() == object) {
                cuts.add(e.block());
            }
        }
        Set<HIRBlock> seen = new HashSet<>();
        Deque<HIRBlock> work = new ArrayDeque<>(origin.blocks());
        while (!work.isEmpty()) {
            HIRBlock b = work.pop();
            if (cuts.contains(b) || analysis.unreachable(b) || !seen.add(b)) {
                continue; // a branch the analysis removed is no path
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

    /** Why {@code user}, a node that stays in the graph, needs {@code object} to be real. */
    Cause causeOf(Node user, VirtualObjectNode object) {
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

    /**
     * Chains {@code later}, the decisions of a later round of the analysis, which ran on the graph
     * this round (and the rounds already chained) left.
     */
    public void then(Decisions later) {
        Decisions last = this;
        while (last.next != null) {
            last = last.next;
        }
        last.next = later;
    }

    /**
     * One decision per allocation site the phase started with. A later round sees what earlier
     * ones left of a site (its allocation node, or the virtual objects of the commits that
     * materialized it, which carry the site's source position), so its verdict on that site is
     * the newer one. Only "partial" outlives a later "kept": the later round's analysis starts at
     * the commits, which an earlier round already placed on some paths only.
     */
    public List<SiteDecision> decide(Census before, Census after) {
        List<SiteDecision> result = new ArrayList<>();
        for (AllocationSite site : before.sites()) {
            int copies = before.nodes(site) + before.materializations(site).size();
            SiteDecision decision = verdict(site, copies, after, true);
            for (Decisions later = next; later != null; later = later.next) {
                SiteDecision newer = later.saw(site) ? later.verdict(site, copies, after, false) : null;
                if (newer != null) {
                    decision = decision.decision() == Decision.PARTIAL && newer.decision() == Decision.KEPT
                                    ? new SiteDecision(site, Decision.PARTIAL, copies, newer.reason(), newer.materializations())
                                    : newer;
                }
            }
            if (decision.decision() != Decision.ELIMINATED && after.nodes(site) == 0 && after.materializations(site).isEmpty()) {
                // Nothing of it is left: the canonicalization after a round removed what that round
                // kept before a later round could see it (e.g. once BranchSplitting split the branch
                // that needed it).
                decision = new SiteDecision(site, Decision.ELIMINATED, copies, null, List.of());
            }
            for (Decisions round = this; round != null; round = round.next) {
                decision = decision.withRewrites(round.rewrites.getOrDefault(site.key(), List.of()));
            }
            result.add(decision);
        }
        return result;
    }

    /** True if this round's analysis met the allocation node or a virtual object of {@code site}. */
    private boolean saw(AllocationSite site) {
        if (seen == null) {
            seen = new HashSet<>(notVirtualized.keySet());
            for (Origin o : origins.values()) {
                seen.add(o.site().key());
            }
        }
        return seen.contains(site.key());
    }

    private List<Event> eventsOf(AllocationSite site) {
        if (bySite == null) {
            bySite = new HashMap<>();
            for (Event e : events) {
                List<Event> ofSite = bySite.get(e.site().key());
                if (ofSite == null) {
                    ofSite = new ArrayList<>();
                    bySite.put(e.site().key(), ofSite);
                }
                ofSite.add(e);
            }
        }
        return bySite.getOrDefault(site.key(), List.of());
    }

    /**
     * This round's verdict on {@code site}, or null when it cannot tell. A first round that never
     * saw a site judges by the graph after; a later round that saw it and materialized nothing
     * eliminated it, unless something of the site is left that it could not virtualize.
     */
    private SiteDecision verdict(AllocationSite site, int copies, Census after, boolean first) {
        List<Event> mine = eventsOf(site);
        List<Materialization> materializations = new ArrayList<>(mine.size());
        for (Event e : mine) {
            materializations.add(e.materialization());
        }
        if (stoppedAt != null) {
            return new SiteDecision(site, Decision.KEPT, copies, "not virtualized", List.of(new Materialization(site.frames(), Cause.BUDGET, stoppedAt)));
        } else if (notVirtualized.containsKey(site.key())) {
            List<Materialization> all = new ArrayList<>(List.of(notVirtualized.get(site.key())));
            all.addAll(materializations);
            return new SiteDecision(site, Decision.KEPT, copies, "not virtualized", all);
        } else if (mine.isEmpty()) {
            boolean left = after.nodes(site) > 0 || !first && !after.materializations(site).isEmpty();
            if (left && !first) {
                return null;
            }
            // Allocation nodes left that this analysis never saw were made by another phase.
            return left ? new SiteDecision(site, Decision.KEPT, copies, "not virtualized", List.of())
                            : new SiteDecision(site, Decision.ELIMINATED, copies, null, List.of());
        } else if (materializedOnEveryPath(mine)) {
            return new SiteDecision(site, Decision.KEPT, copies, null, materializations);
        }
        return new SiteDecision(site, Decision.PARTIAL, copies, null, materializations);
    }
}
