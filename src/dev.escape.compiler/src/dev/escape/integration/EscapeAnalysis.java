package dev.escape.integration;

import dev.escape.analysis.Decisions;
import dev.escape.feedback.FeedbackSession;
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
     * @param feedback what runtime feedback did in this compilation, or null if it did not act on
     *            feedback (for the report and the dumps)
     */
    record Outcome(String analysis, String fallback, Decisions decisions, FeedbackSession.Note feedback) {
        public Outcome(String analysis, String fallback, Decisions decisions) {
            this(analysis, fallback, decisions, null);
        }

        /** This outcome with {@code note} as what runtime feedback did. */
        public Outcome withFeedback(FeedbackSession.Note note) {
            return new Outcome(analysis, fallback, decisions, note);
        }
    }

    /** Short name for reports ("graal", "escape"). */
    String name();

    Outcome apply(StructuredGraph graph, CoreProviders context);

    /** Work on the graph an analysis left, given what it did. */
    @FunctionalInterface
    interface After {
        void accept(StructuredGraph graph, CoreProviders context, Outcome outcome);
    }

    /** This analysis, then {@code after} on each graph it leaves: same name, same outcome. */
    default EscapeAnalysis followedBy(After after) {
        EscapeAnalysis first = this;
        return new EscapeAnalysis() {
            @Override
            public String name() {
                return first.name();
            }

            @Override
            public Outcome apply(StructuredGraph graph, CoreProviders context) {
                Outcome outcome = first.apply(graph, context);
                after.accept(graph, context, outcome);
                return outcome;
            }
        };
    }
}
