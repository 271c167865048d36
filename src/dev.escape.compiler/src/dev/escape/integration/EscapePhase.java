package dev.escape.integration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.GraphComparison;
import dev.escape.decisions.SiteDecision;
import dev.escape.dumps.EscapeDumper;
import dev.escape.truffle.TruffleNames;
import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.debug.MethodFilter;
import jdk.graal.compiler.nodes.GraphState;
import jdk.graal.compiler.nodes.GraphState.StageFlag;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.phases.BasePhase;
import jdk.vm.ci.code.BailoutException;

/**
 * The driver in the slot of one of Graal's partial escape analyses: takes a census of the
 * allocations, runs an {@link EscapeAnalysis}, and records a decision for every allocation site.
 * Stateless, so one instance serves concurrent compilations.
 */
public final class EscapePhase extends BasePhase<CoreProviders> {
    /** How the fallback of a compilation that the analysis (or Graal's phase, as its fallback) ended with a bailout starts. */
    public static final String BAILOUT = "bailout: ";

    /** Which of Graal's escape analyses the phase stands in for. */
    public enum Slot {
        /** The high tier's final partial escape analysis ({@code FinalPartialEscapePhase}), host and Truffle compilations. */
        HIGH_TIER,
        /**
         * The partial escape analysis of Truffle's partial evaluation ({@code PartialEscapePhase} in
         * {@code PostPartialEvaluationSuite}): runs on each partially evaluated graph before the
         * tiers, once per inlined call target and once after inlining.
         */
        TRUFFLE_TIER
    }

    private final EscapeAnalysis analysis;
    private final MethodFilter filter;
    private final Consumer<CompilationRecord> sink;
    private final Runnable skipped;
    private final Slot slot;
    /** Whether records name each allocation site's decision, or only the compilation's counts ({@link EscapeOptions#EscapeReportSites}). */
    private final boolean sites;

    /**
     * @param filter compilations to record, or null for all
     * @param sink receives the record of each compilation that matches {@code filter}, or null to
     *            record nothing (then the analysis runs alone)
     * @param skipped told of each compilation that does not match
     */
    public EscapePhase(EscapeAnalysis analysis, MethodFilter filter, Consumer<CompilationRecord> sink, Runnable skipped) {
        this(Slot.HIGH_TIER, analysis, filter, sink, skipped, true);
    }

    /** @param sites whether records name each allocation site's decision, or only the compilation's counts */
    public EscapePhase(Slot slot, EscapeAnalysis analysis, MethodFilter filter, Consumer<CompilationRecord> sink, Runnable skipped, boolean sites) {
        this.slot = slot;
        this.sites = sites;
        this.analysis = analysis;
        this.filter = filter;
        this.sink = sink;
        this.skipped = skipped;
    }

    @Override
    public Optional<NotApplicable> notApplicableTo(GraphState graphState) {
        if (slot == Slot.TRUFFLE_TIER) {
            // As Graal's PartialEscapePhase: any time before the high tier's lowering.
            return NotApplicable.unlessRunBefore(this, StageFlag.HIGH_TIER_LOWERING, graphState);
        }
        return NotApplicable.ifApplied(this, StageFlag.FINAL_PARTIAL_ESCAPE, graphState);
    }

    @Override
    protected boolean shouldDumpBeforeAtBasicLevel() {
        return true;
    }

    @Override
    protected boolean shouldDumpAfterAtBasicLevel() {
        return true;
    }

    @Override
    protected void run(StructuredGraph graph, CoreProviders context) {
        if (sink == null) {
            analysis.apply(graph, context);
            return;
        }
        boolean record = graph.method() != null && (filter == null || filter.matches(graph.method()) || TruffleNames.matches(filter, graph));
        if (!record) {
            skipped.run();
            analysis.apply(graph, context);
            return;
        }
        Census before = sites ? Census.of(graph) : Census.countsOf(graph);
        EscapeDumper.Before dump = sites ? EscapeDumper.before(graph) : null;
        EscapeAnalysis.Outcome outcome;
        try {
            outcome = analysis.apply(graph, context);
        } catch (BailoutException e) {
            // The compilation ends here; the report must still show that escape cost it.
            sink.accept(record(graph, context, analysis.name(), BAILOUT + e.getMessage(), before, before, List.of(), null));
            throw e;
        }
        if (!sites) {
            sink.accept(record(graph, context, outcome.analysis(), outcome.fallback(), before, Census.countsOf(graph), List.of(), feedbackRound(outcome)));
            return;
        }
        Census after = Census.of(graph);
        List<SiteDecision> decided = outcome.decisions() != null ? outcome.decisions().decide(before, after) : GraphComparison.decide(before, after, outcome.analysis());
        CompilationRecord result = record(graph, context, outcome.analysis(), outcome.fallback(), before, after, decided, feedbackRound(outcome));
        sink.accept(result);
        EscapeDumper.after(dump, graph, result, outcome.feedback() != null ? outcome.feedback().guards() : Map.of());
    }

    private static CompilationRecord.FeedbackRound feedbackRound(EscapeAnalysis.Outcome outcome) {
        return outcome.feedback() != null ? outcome.feedback().round() : null;
    }

    private CompilationRecord record(StructuredGraph graph, CoreProviders context, String analysis, String fallback, Census before, Census after, List<SiteDecision> decided,
                    CompilationRecord.FeedbackRound feedback) {
        String id = graph.compilationId().toString(CompilationIdentifier.Verbosity.ID);
        String callTarget = TruffleNames.callTarget(graph);
        String method;
        if (callTarget == null) {
            method = graph.method().format("%H.%n(%p)");
        } else {
            // A Truffle compilation: its graph's method is the runtime's entry for every call target.
            method = TruffleNames.reportName(callTarget);
            if (slot == Slot.TRUFFLE_TIER) {
                id = id + TruffleNames.truffleTierSuffix(graph, context);
            }
        }
        return new CompilationRecord(method, id, analysis, fallback, before.counts(), after.counts(), decided, feedback);
    }

    @Override
    public void updateGraphState(GraphState graphState) {
        super.updateGraphState(graphState);
        // Graal's phase, when it ran as the fallback, has already set it.
        if (slot == Slot.HIGH_TIER && !graphState.isAfterStage(StageFlag.FINAL_PARTIAL_ESCAPE)) {
            graphState.setAfterStage(StageFlag.FINAL_PARTIAL_ESCAPE);
        }
    }
}
