package dev.escape.test.harness;

import dev.escape.integration.EscapeAnalysis;
import dev.escape.integration.StockEscapeAnalysis;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;

/** What runs in the high-tier slot of Graal's final partial escape analysis. */
public enum Slot {
    /** The analysis the escape configuration runs. */
    ESCAPE,
    /** Graal's own phase: the baseline. */
    GRAAL,
    /** Nothing: the graph as escape analysis finds it. */
    NONE;

    EscapeAnalysis analysis(OptionValues options) {
        return switch (this) {
            case ESCAPE, GRAAL -> new StockEscapeAnalysis(CanonicalizerPhase.create(), options);
            case NONE -> new EscapeAnalysis() {
                @Override
                public String name() {
                    return "none";
                }

                @Override
                public void apply(StructuredGraph graph, CoreProviders context) {
                }
            };
        };
    }
}
