package dev.escape.integration;

import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.BasePhase;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.virtual.phases.ea.FinalPartialEscapePhase;

/**
 * Graal's own partial escape analysis, configured as Graal's high tier configures it. It is the
 * baseline escape is measured against and the safety net when escape's analysis cannot handle a
 * graph.
 */
public final class StockEscapeAnalysis implements EscapeAnalysis {
    private final BasePhase<CoreProviders> phase;

    public StockEscapeAnalysis(CanonicalizerPhase canonicalizer, OptionValues options) {
        this(new FinalPartialEscapePhase(true, canonicalizer, null, options));
    }

    /** Graal's {@code phase}, configured as the slot it stands in for configures it. */
    public StockEscapeAnalysis(BasePhase<CoreProviders> phase) {
        this.phase = phase;
    }

    @Override
    public String name() {
        return "graal";
    }

    @Override
    public Outcome apply(StructuredGraph graph, CoreProviders context) {
        phase.apply(graph, context);
        return new Outcome(name(), null, null);
    }
}
