package dev.escape.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import dev.escape.analysis.Analysis;
import dev.escape.analysis.BranchSplitting;
import dev.escape.analysis.Budget;
import dev.escape.analysis.Decisions;
import dev.escape.analysis.GraphCheck;
import dev.escape.analysis.Unsupported;
import dev.escape.analysis.WalkPeeling;
import dev.escape.feedback.Feedback;
import dev.escape.feedback.FeedbackSession;
import jdk.graal.compiler.core.common.PermanentBailoutException;
import jdk.graal.compiler.debug.CounterKey;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.debug.GraalError;
import jdk.graal.compiler.graph.Graph.NodeEventScope;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.IfNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.java.AbstractNewObjectNode;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.nodes.virtual.AllocatedObjectNode;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.phases.common.DeadCodeEliminationPhase;
import jdk.graal.compiler.phases.common.util.EconomicSetNodeEventListener;
import jdk.graal.compiler.phases.schedule.SchedulePhase;
import jdk.graal.compiler.phases.schedule.SchedulePhase.SchedulingStrategy;

/**
 * escape's own partial escape analysis ({@link Analysis}), with Graal's phase as the safety net:
 * when the analysis meets something it does not handle it says so before touching the graph, and
 * the graph goes to {@link StockEscapeAnalysis}; the fallback and its reason are recorded. An
 * analysis that goes over its {@link Budget} leaves the graph as it is, every allocation kept
 * with cause {@code BUDGET}. It runs in up to {@link EscapeOptions#EscapeAnalysisRounds} rounds
 * (and up to {@link EscapeOptions#EscapeRoundsAfterRewrites} more that rewrites between rounds
 * earn), which share one budget.
 */
public final class OwnEscapeAnalysis implements EscapeAnalysis {
    /** Graphs handed to Graal's phase ({@code -Djdk.graal.Count=}; the report lists each with its reason). */
    private static final CounterKey FALLBACKS = DebugContext.counter("EscapeFallbacks");
    /** Compilations refused because applying the effects failed. */
    private static final CounterKey BAILOUTS = DebugContext.counter("EscapeBailouts");
    /** Branches split between rounds ({@link BranchSplitting}). */
    private static final CounterKey SPLITS = DebugContext.counter("EscapeBranchSplits");
    /** Loop peels between rounds ({@link WalkPeeling}). */
    private static final CounterKey PEELS = DebugContext.counter("EscapeWalkPeels");

    /** What a round left for the next one. */
    private enum Change {
        /** Nothing another round could build on. */
        NONE,
        /** Its canonicalization removed branches, merges or uses of allocated objects. */
        SIMPLIFIED,
        /** The graph was rewritten between rounds (a branch split, a loop peeled). */
        REWRITTEN
    }

    private final CanonicalizerPhase canonicalizer;
    private final EscapeAnalysis fallback;

    public OwnEscapeAnalysis(CanonicalizerPhase canonicalizer, EscapeAnalysis fallback) {
        this.canonicalizer = canonicalizer;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return "escape";
    }

    /**
     * Runs the analysis in rounds, like Graal's phase: schedule, analyze, apply, canonicalize what
     * changed. A round can remove what the one before could not: its canonicalization may fold a
     * test or a load once an object's fields are known, and objects the previous round committed
     * can be made virtual again (commits are virtualizable). Another round runs only while the
     * canonicalization after the last one removed a branch, a merge or a use of an allocated
     * object, and while allocations are left.
     */
    @Override
    public Outcome apply(StructuredGraph graph, CoreProviders context) {
        FeedbackSession feedback = Feedback.open(graph, context);
        Outcome outcome;
        try {
            outcome = applyRounds(graph, context, feedback);
        } finally {
            if (feedback != null) {
                feedback.finish();
            }
        }
        return feedback == null ? outcome : outcome.withFeedback(feedback.note());
    }

    private Outcome applyRounds(StructuredGraph graph, CoreProviders context, FeedbackSession feedback) {
        int rounds = EscapeOptions.EscapeAnalysisRounds.getValue(graph.getOptions());
        Budget budget = EscapeOptions.budget(graph.getOptions());
        Decisions first = null;
        // A split or a peel removes nothing by itself, the round after it does: one after what was the
        // last round earns another (Optional.ofNullable(s).map(f).filter(p).orElse(x) takes a split per merge).
        int moreRounds = rounds > 1 ? Math.max(0, EscapeOptions.EscapeRoundsAfterRewrites.getValue(graph.getOptions())) : 0;
        int lastRound = rounds;
        for (int round = 0; round < lastRound; round++) {
            if (round > 0 && !graph.hasVirtualizableAllocation()) {
                break; // nothing left that a round could make virtual: skip its schedule and walk
            }
            Decisions decisions = new Decisions();
            Analysis analysis;
            try {
                analysis = analyze(graph, context, decisions, budget);
                if (round == 0 && feedback != null) {
                    analysis = withFeedback(graph, context, analysis, decisions, budget, feedback);
                }
            } catch (RuntimeException | AssertionError | GraalError e) {
                if (first == null && e instanceof Budget.Exhausted limit) {
                    // Nothing changed yet: the method keeps every allocation (Budget says why not Graal's phase).
                    decisions.stopped(limit);
                    return new Outcome(name(), null, decisions);
                } else if (first == null) {
                    // A bug of ours must cost an optimization, never the compilation.
                    return fallBack(graph, context, e instanceof Unsupported ? e.getMessage() : "analysis failed: " + e);
                }
                // Unsupported, over budget or a bug in a later round: nothing touched the graph yet,
                // which the earlier rounds left consistent and explained. Graal's phase would also be
                // correct here, but its changes would have no reasons: the earlier rounds' result stands.
                break;
            }
            if (!analysis.hasEffects()) {
                first = first == null ? decisions : first;
                break;
            }
            Change change = applyAndCanonicalize(graph, context, analysis, round + 1 < lastRound, lastRound < rounds + moreRounds);
            graph.getDebug().dump(DebugContext.DETAILED_LEVEL, graph, "After escape analysis round %d", round + 1);
            if (first == null) {
                first = decisions;
            } else {
                first.then(decisions);
            }
            if (change == Change.NONE) {
                break;
            }
            if (change == Change.REWRITTEN && round + 1 == lastRound) {
                lastRound++;
            }
        }
        return new Outcome(name(), null, first);
    }

    /**
     * Runtime feedback's part of the first round: the verdict of the method's last instrumented
     * code makes cold materializations speculative deoptimizations (then the analysis runs again on
     * the graph without the code behind them), and the counters of the next window are placed.
     */
    private Analysis withFeedback(StructuredGraph graph, CoreProviders context, Analysis analysis, Decisions decisions, Budget budget, FeedbackSession feedback) {
        Analysis result = analysis;
        List<Decisions.Placed> plan = analysis.plan();
        if (feedback.speculate(plan)) {
            canonicalizer.apply(graph, context);
            graph.getDebug().dump(DebugContext.DETAILED_LEVEL, graph, "After escape feedback speculation");
            decisions.reset();
            result = analyze(graph, context, decisions, budget);
            plan = result.plan();
        }
        feedback.instrument(plan);
        return result;
    }

    @SuppressWarnings("try")
    private static Analysis analyze(StructuredGraph graph, CoreProviders context, Decisions decisions, Budget budget) {
        DebugContext debug = graph.getDebug();
        try (DebugContext.Scope s = debug.scope("EscapeAnalysis")) {
            SchedulePhase.runWithoutContextOptimizations(graph, SchedulingStrategy.EARLIEST);
            return Analysis.analyze(graph, context, graph.getLastSchedule(), decisions, budget);
        }
    }

    /**
     * Applies a round's effects and canonicalizes the nodes they touched; then, if {@code roundsLeft}
     * or {@code rewritesLeft}, rewrites the graph between rounds (BranchSplitting, WalkPeeling).
     * REWRITTEN if a rewrite changed the graph: only a next round turns it into fewer allocations.
     * Else SIMPLIFIED if {@code roundsLeft} and another round may remove more: that
     * canonicalization removed a branch or a merge, or a use of an object that is still allocated.
     * Otherwise NONE: the next round would start from the graph this round made itself and find
     * the same (objects committed where this round saw them escape, allocations it could not make
     * virtual) at the cost of another schedule and walk. (Graal's phase runs its next iteration
     * after any significant change; on the test corpus this stricter test loses no allocation and
     * saves most second rounds.)
     */
    @SuppressWarnings("try")
    private Change applyAndCanonicalize(StructuredGraph graph, CoreProviders context, Analysis analysis, boolean roundsLeft, boolean rewritesLeft) {
        try {
            EconomicSetNodeEventListener listener = new EconomicSetNodeEventListener();
            try (NodeEventScope events = graph.trackNodeEvents(listener)) {
                analysis.apply();
                new DeadCodeEliminationPhase(DeadCodeEliminationPhase.Optionality.Required).apply(graph);
            }
            String problem = GraphCheck.problem(graph);
            if (problem != null) {
                throw new GraalError("escape analysis left an inconsistent graph: %s", problem);
            }
            if (listener.getNodes().isEmpty()) {
                return Change.NONE;
            }
            ControlFlowAndUses before = roundsLeft ? ControlFlowAndUses.of(graph) : null;
            canonicalizer.applyIncremental(graph, context, listener.getNodes());
            boolean shrank = before != null && before.shrankIn(graph);
            if ((roundsLeft || rewritesLeft) && (splitBranches(graph, context, analysis) | peelWalks(graph, context, analysis))) {
                return Change.REWRITTEN;
            }
            return shrank ? Change.SIMPLIFIED : Change.NONE;
        } catch (RuntimeException | AssertionError | GraalError e) {
            // Too late to hand the graph to Graal's phase: refuse this compilation cleanly (the
            // method runs as before) rather than let this or a later phase fail or miscompile.
            BAILOUTS.increment(graph.getDebug());
            throw new PermanentBailoutException(e, "escape analysis could not finish its changes: %s", e.getMessage());
        }
    }

    /**
     * Splits the branches right after the merges where this round made pending objects real
     * ({@link BranchSplitting}), so that the next round may keep them virtual. True if it split any.
     */
    private boolean splitBranches(StructuredGraph graph, CoreProviders context, Analysis analysis) {
        if (analysis.mergesMadeReal().isEmpty() || !EscapeOptions.EscapeBranchSplitting.getValue(graph.getOptions())) {
            return false;
        }
        return rewrite(graph, context, "branch splitting", SPLITS, () -> BranchSplitting.apply(graph, analysis));
    }

    /**
     * Peels the loops that walk objects this round found virtual at their entry ({@link WalkPeeling}),
     * so that the next round reads each object in an iteration of its own. True if it peeled any.
     */
    private boolean peelWalks(StructuredGraph graph, CoreProviders context, Analysis analysis) {
        int maxNodes = EscapeOptions.EscapeWalkPeelingNodes.getValue(graph.getOptions());
        if (!analysis.hasWalks() || maxNodes == 0) {
            return false;
        }
        return rewrite(graph, context, "walk peeling", PEELS, () -> WalkPeeling.apply(graph, context, analysis, maxNodes));
    }

    /**
     * Runs one of the rewrites between rounds ({@code rewrite} returns how many changes it made),
     * checks the graph it leaves and canonicalizes the nodes it touched. True if it changed anything.
     */
    @SuppressWarnings("try")
    private boolean rewrite(StructuredGraph graph, CoreProviders context, String what, CounterKey counter, IntSupplier rewrite) {
        EconomicSetNodeEventListener listener = new EconomicSetNodeEventListener();
        int changes;
        try (NodeEventScope events = graph.trackNodeEvents(listener)) {
            changes = rewrite.getAsInt();
        }
        if (changes == 0) {
            return false;
        }
        counter.add(graph.getDebug(), changes);
        String problem = GraphCheck.problem(graph);
        if (problem != null) {
            throw new GraalError("escape's %s left an inconsistent graph: %s", what, problem);
        }
        canonicalizer.applyIncremental(graph, context, listener.getNodes());
        graph.getDebug().dump(DebugContext.DETAILED_LEVEL, graph, "After escape's %s", what);
        return true;
    }

    /** Branches, merges and uses of allocated objects: what a next round's analysis depends on. */
    private record ControlFlowAndUses(int branches, int merges, List<Node> allocations, int uses) {
        static ControlFlowAndUses of(StructuredGraph graph) {
            List<Node> allocations = new ArrayList<>();
            for (Node n : graph.getNodes()) {
                if (n instanceof AllocatedObjectNode || n instanceof AbstractNewObjectNode) {
                    allocations.add(n);
                }
            }
            return new ControlFlowAndUses(graph.getNodes(IfNode.TYPE).count(), graph.getNodes(AbstractMergeNode.TYPE).count(), allocations, uses(allocations));
        }

        private static int uses(List<Node> allocations) {
            int uses = 0;
            for (Node n : allocations) {
                uses += n.isAlive() ? n.getUsageCount() : 0;
            }
            return uses;
        }

        boolean shrankIn(StructuredGraph graph) {
            return graph.getNodes(IfNode.TYPE).count() < branches || graph.getNodes(AbstractMergeNode.TYPE).count() < merges || uses(allocations) < uses;
        }
    }

    private Outcome fallBack(StructuredGraph graph, CoreProviders context, String reason) {
        FALLBACKS.increment(graph.getDebug());
        graph.getDebug().log("escape's analysis falls back to Graal's phase: %s", reason);
        Outcome stock = fallback.apply(graph, context);
        return new Outcome(stock.analysis(), reason, stock.decisions());
    }
}
