package dev.escape.test.harness;

import dev.escape.integration.EscapeAnalysis;
import dev.escape.integration.OwnEscapeAnalysis;
import dev.escape.integration.StockEscapeAnalysis;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;

/** What runs in the high-tier slot of Graal's final partial escape analysis. */
public enum Slot {
    /** What the escape configuration runs: escape's own analysis, Graal's phase as its fallback. */
    ESCAPE,
    /** Graal's own phase: the baseline. */
    GRAAL,
    /** Nothing: the graph as escape analysis finds it. */
    NONE;

    EscapeAnalysis analysis(OptionValues options) {
        return switch (this) {
            case ESCAPE -> new OwnEscapeAnalysis(CanonicalizerPhase.create(), new StockEscapeAnalysis(CanonicalizerPhase.create(), options));
            case GRAAL -> new StockEscapeAnalysis(CanonicalizerPhase.create(), options);
            case NONE -> new EscapeAnalysis() {
                @Override
                public String name() {
                    return "none";
                }

                @Override
                public Outcome apply(StructuredGraph graph, CoreProviders context) {
                    return new Outcome(name(), null, null);
                }
            };
        };
    }
}
