package dev.escape.integration;

import dev.escape.analysis.Decisions;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;

/**
 * An escape analysis and scalar replacement that {@link EscapePhase} can run on a graph. The
 * driver swaps implementations without knowing how they work.
 */
public interface EscapeAnalysis {
    /**
     * What one run did.
     *
     * @param analysis which analysis made the decisions ("escape", or "graal" for Graal's phase)
     * @param fallback why escape's analysis handed the graph to Graal's phase, or null
     * @param decisions the analysis's own account of its decisions, or null when it cannot explain
     *            itself (the driver then compares the graph before and after)
     */
    record Outcome(String analysis, String fallback, Decisions decisions) {
    }

    /** Short name for reports ("graal", "escape"). */
    String name();

    Outcome apply(StructuredGraph graph, CoreProviders context);
}
