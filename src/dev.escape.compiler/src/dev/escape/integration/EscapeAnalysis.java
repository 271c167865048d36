package dev.escape.integration;

import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;

/**
 * An escape analysis and scalar replacement that {@link EscapePhase} can run on a graph. The
 * driver swaps implementations without knowing how they work.
 */
public interface EscapeAnalysis {
    /** Short name for reports ("graal", "escape"). */
    String name();

    void apply(StructuredGraph graph, CoreProviders context);
}
