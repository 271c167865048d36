package dev.escape.feedback;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.escape.analysis.Decisions.Placed;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.integration.EscapeOptions;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.debug.GraalError;
import jdk.graal.compiler.nodes.AbstractEndNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.cfg.ControlFlowGraph;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.debug.BlackholeNode;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.vm.ci.meta.ResolvedJavaMethod;

/**
 * The counters of one compilation: chosen from the first round's plan ({@link #place}) and made
 * code once every round has run ({@link #finish}), then watched by the {@link Monitor}. A problem
 * here costs this compilation its counters, never the compilation.
 */
final class Instrumentation {
    /** Bytecodes of a callee that feedback may ask to inline (Graal's policy still has the last word). */
    private static final int INLINABLE_BYTECODES = 300;
    /** A call whose block ran less often than this share of its site's looked cold when the method was compiled. */
    private static final double LOOKED_COLD = 0.5;

    /** A site counter's place holder ({@link GraphEdits#marker}). */
    private record Marker(BlackholeNode node, int slot) {
    }

    /**
     * A materialization counter's place: just before the node the materialization precedes, so
     * on its path, placed once every round has run. (A place holder there would stand between
     * the commit and its position, which keeps later rounds from merging commits.) The index is
     * that of its site in {@link #watched}.
     */
    private record Count(FixedNode position, Probe probe, int site) {
    }

    private final Unit unit;
    private final StructuredGraph graph;
    private final CoreProviders providers;
    /** Count every materialization (for the report's ranking), not only those of sites feedback can improve. */
    private final boolean countAll;
    private final List<Marker> markers = new ArrayList<>();
    private final List<Count> counts = new ArrayList<>();
    private final List<Watched> watched = new ArrayList<>();
    private final Map<BlackholeNode, Integer> siteMarkers = new LinkedHashMap<>();

    Instrumentation(Unit unit, StructuredGraph graph, CoreProviders providers) {
        this.unit = unit;
        this.graph = graph;
        this.providers = providers;
        this.countAll = EscapeOptions.EscapeReport.getValue(graph.getOptions()) != null;
    }

    /**
     * Puts counters (as markers, see {@link GraphEdits#marker}) where {@code plan} places
     * materializations, and at the allocation of each site feedback could improve: one whose
     * object a merge makes real at the end of one path while another path makes it real too (a
     * cold path may be what keeps it real on the hot one), or one made real at a call that looked cold when the method was
     * compiled (it may be hot now).
     */
    void place(List<Placed> plan) {
        try {
            placeMarkers(plan);
        } catch (RuntimeException | GraalError e) {
            graph.getDebug().log("escape feedback: not instrumented: %s", e);
            for (Marker m : markers) {
                GraphEdits.remove(m.node());
            }
            markers.clear();
            counts.clear();
            watched.clear();
        }
    }

    private void placeMarkers(List<Placed> plan) {
        Map<String, List<Placed>> bySite = new LinkedHashMap<>();
        for (Placed p : plan) {
            String site = Anchor.site(p);
            if (site != null) {
                List<Placed> ofSite = bySite.get(site);
                if (ofSite == null) {
                    ofSite = new ArrayList<>();
                    bySite.put(site, ofSite);
                }
                ofSite.add(p);
            }
        }
        ControlFlowGraph cfg = graph.getLastSchedule() != null ? graph.getLastSchedule().getCFG() : null;
        for (Map.Entry<String, List<Placed>> site : bySite.entrySet()) {
            List<Placed> placed = site.getValue();
            // Copies of one allocation (peeled or unrolled loops, duplicated code) share the site's counters.
            Set<FixedNode> creators = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Placed p : placed) {
                if (p.creator() instanceof FixedNode creator && GraphEdits.canPrecede(creator)) {
                    creators.add(creator);
                }
            }
            boolean judged = !creators.isEmpty() && improvable(placed, creators, cfg);
            if (!judged && !countAll) {
                continue;
            }
            int siteSlot = judged ? Counters.allocate() : -1;
            Map<String, Probe> probes = new LinkedHashMap<>();
            for (Placed p : placed) {
                String key = Anchor.materialization(p);
                if (key == null || !GraphEdits.canPrecede(p.position())) {
                    continue;
                }
                Probe probe = probes.get(key);
                if (probe == null) {
                    int slot = Counters.allocate();
                    if (slot < 0) {
                        return;
                    }
                    probe = new Probe(key, slot, p.materialization().cause(), atMerge(p), p.besideReal(), callOf(p), p.materialization().place());
                    probes.put(key, probe);
                }
                counts.add(new Count(p.position(), probe, watched.size()));
            }
            if (probes.isEmpty() || (judged && siteSlot < 0)) {
                continue;
            }
            Probe siteProbe = new Probe(site.getKey(), siteSlot, null, false, false, null, placed.get(0).site().describe());
            if (judged) {
                for (FixedNode creator : creators) {
                    BlackholeNode marker = GraphEdits.marker(creator, siteSlot);
                    markers.add(new Marker(marker, siteSlot));
                    siteMarkers.put(marker, watched.size());
                }
            }
            watched.add(new Watched(siteProbe, judged, List.copyOf(probes.values())));
        }
    }

    /** True if feedback could remove allocations of the site whose materializations are {@code placed}. */
    private static boolean improvable(List<Placed> placed, Set<FixedNode> creators, ControlFlowGraph cfg) {
        if (placed.size() >= 2) {
            for (Placed p : placed) {
                if (atMerge(p)) {
                    return true;
                }
            }
        }
        for (Placed p : placed) {
            if (callOf(p) != null) {
                for (FixedNode creator : creators) {
                    if (lookedCold(p.position(), creator, cfg)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean lookedCold(FixedNode call, FixedNode creator, ControlFlowGraph cfg) {
        if (cfg == null) {
            return false;
        }
        HIRBlock callBlock = cfg.blockFor(call);
        HIRBlock siteBlock = cfg.blockFor(creator);
        return callBlock != null && siteBlock != null && callBlock.getRelativeFrequency() < LOOKED_COLD * siteBlock.getRelativeFrequency();
    }

    /** True if {@code p} is at the end of a merge's predecessor (the merge needs the object real). */
    private static boolean atMerge(Placed p) {
        return p.position() instanceof AbstractEndNode;
    }

    /** The call (see {@link Anchor#call}) where {@code p} makes an object real, if feedback could have it inlined; else null. */
    private static String callOf(Placed p) {
        if (p.materialization().cause() != Cause.CALL || !(p.position() instanceof Invoke invoke) || invoke.callTarget() == null) {
            return null;
        }
        ResolvedJavaMethod callee = invoke.callTarget().targetMethod();
        if (callee == null || !callee.hasBytecodes() || !callee.canBeInlined() || callee.getCodeSize() > INLINABLE_BYTECODES) {
            return null;
        }
        return Anchor.call(invoke);
    }

    /**
     * Turns the markers that are left (code the rounds removed took its markers along) into
     * counters, and starts watching them. Without markers left the method is not watched.
     */
    void finish() {
        if (watched.isEmpty()) {
            return;
        }
        DebugContext debug = graph.getDebug();
        try {
            Set<Integer> sitesCounted = new HashSet<>();
            for (Marker m : markers) {
                if (m.node().isAlive()) {
                    sitesCounted.add(siteMarkers.get(m.node()));
                    GraphEdits.replaceByGuardedCount(m.node(), m.slot(), providers);
                }
            }
            // A materialization whose place the rounds removed is not counted at all, rather than counted 0 (cold).
            Map<Integer, Set<Probe>> countedProbes = new HashMap<>();
            for (Count c : counts) {
                if (GraphEdits.canPrecede(c.position())) {
                    GraphEdits.count(c.position(), c.probe().slot(), providers);
                    Set<Probe> ofSite = countedProbes.get(c.site());
                    if (ofSite == null) {
                        ofSite = new HashSet<>();
                        countedProbes.put(c.site(), ofSite);
                    }
                    ofSite.add(c.probe());
                }
            }
            List<Watched> live = new ArrayList<>();
            for (int i = 0; i < watched.size(); i++) {
                Watched w = watched.get(i);
                Set<Probe> counted = countedProbes.getOrDefault(i, Set.of());
                List<Probe> probes = new ArrayList<>();
                for (Probe m : w.materializations) {
                    if (counted.contains(m)) {
                        probes.add(m);
                    }
                }
                if (!probes.isEmpty()) {
                    // Every copy of the site's own counter may have gone with removed code: then its windows cannot be judged.
                    live.add(new Watched(w.site, w.judged && sitesCounted.contains(i), probes));
                }
            }
            debug.dump(DebugContext.DETAILED_LEVEL, graph, "After escape feedback instrumentation");
            Feedback.watch(unit, live, graph.getOptions());
        } catch (RuntimeException | GraalError e) {
            debug.log("escape feedback: instrumentation failed, compiled without it: %s", e);
            for (Marker m : markers) {
                GraphEdits.remove(m.node());
            }
        }
    }
}
