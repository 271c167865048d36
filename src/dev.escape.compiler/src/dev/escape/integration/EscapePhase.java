package dev.escape.integration;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.GraphComparison;
import dev.escape.decisions.SiteDecision;
import dev.escape.dumps.EscapeDumper;
import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.debug.MethodFilter;
import jdk.graal.compiler.nodes.GraphState;
import jdk.graal.compiler.nodes.GraphState.StageFlag;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.phases.BasePhase;
import jdk.vm.ci.code.BailoutException;

/**
 * The driver in the high-tier slot of Graal's final partial escape analysis: takes a census of
 * the allocations, runs an {@link EscapeAnalysis}, and records a decision for every allocation
 * site. Stateless, so one instance serves concurrent compilations.
 */
public final class EscapePhase extends BasePhase<CoreProviders> {
    /** How the fallback of a compilation that the analysis (or Graal's phase, as its fallback) ended with a bailout starts. */
    public static final String BAILOUT = "bailout: ";

    private final EscapeAnalysis analysis;
    private final MethodFilter filter;
    private final Consumer<CompilationRecord> sink;
    private final Runnable skipped;

    /**
     * @param filter compilations to record, or null for all
     * @param sink receives the record of each compilation that matches {@code filter}, or null to
     *            record nothing (then the analysis runs alone)
     * @param skipped told of each compilation that does not match
     */
    public EscapePhase(EscapeAnalysis analysis, MethodFilter filter, Consumer<CompilationRecord> sink, Runnable skipped) {
        this.analysis = analysis;
        this.filter = filter;
        this.sink = sink;
        this.skipped = skipped;
    }

    @Override
    public Optional<NotApplicable> notApplicableTo(GraphState graphState) {
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
        boolean record = graph.method() != null && (filter == null || filter.matches(graph.method()));
        if (!record) {
            skipped.run();
            analysis.apply(graph, context);
            return;
        }
        Census before = Census.of(graph);
        EscapeDumper.Before dump = EscapeDumper.before(graph);
        EscapeAnalysis.Outcome outcome;
        try {
            outcome = analysis.apply(graph, context);
        } catch (BailoutException e) {
            // The compilation ends here; the report must still show that escape cost it.
            sink.accept(record(graph, analysis.name(), BAILOUT + e.getMessage(), before, before, List.of()));
            throw e;
        }
        Census after = Census.of(graph);
        List<SiteDecision> sites = outcome.decisions() != null ? outcome.decisions().decide(before, after) : GraphComparison.decide(before, after, outcome.analysis());
        CompilationRecord result = record(graph, outcome.analysis(), outcome.fallback(), before, after, sites);
        sink.accept(result);
        EscapeDumper.after(dump, graph, result);
    }

    private static CompilationRecord record(StructuredGraph graph, String analysis, String fallback, Census before, Census after, List<SiteDecision> sites) {
        return new CompilationRecord(graph.method().format("%H.%n(%p)"), graph.compilationId().toString(CompilationIdentifier.Verbosity.ID), analysis, fallback,
                        before.counts(), after.counts(), sites);
    }

    @Override
    public void updateGraphState(GraphState graphState) {
        super.updateGraphState(graphState);
        // Graal's phase, when it ran as the fallback, has already set it.
        if (!graphState.isAfterStage(StageFlag.FINAL_PARTIAL_ESCAPE)) {
            graphState.setAfterStage(StageFlag.FINAL_PARTIAL_ESCAPE);
        }
    }
}
