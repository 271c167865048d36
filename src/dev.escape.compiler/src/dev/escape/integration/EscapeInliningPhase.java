package dev.escape.integration;

import java.util.function.Predicate;

import dev.escape.feedback.Feedback;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.phases.common.inlining.InliningPhase;
import jdk.graal.compiler.phases.common.inlining.policy.InliningPolicy;
import jdk.graal.compiler.phases.tiers.HighTierContext;

/**
 * Graal's inlining phase, telling {@link EscapeInliningPolicy} which compilation it inlines for:
 * Graal's policy only sees the graph each call is in, which for calls inside a callee being explored
 * is the callee's, and runtime feedback is kept per compiled method.
 */
final class EscapeInliningPhase extends InliningPhase {
    /** The compilation whose inlining runs on a thread, with the calls runtime feedback asks it to inline. */
    record Root(StructuredGraph graph, Predicate<Invoke> feedbackInlines) {
    }

    private static final ThreadLocal<Root> ROOT = new ThreadLocal<>();

    EscapeInliningPhase(InliningPolicy policy, CanonicalizerPhase canonicalizer) {
        super(policy, canonicalizer);
    }

    /** The compilation whose inlining runs on this thread, or null. */
    static Root root() {
        return ROOT.get();
    }

    @Override
    protected void runInlining(StructuredGraph graph, HighTierContext context) {
        Root outer = ROOT.get();
        ROOT.set(new Root(graph, Feedback.callsToInline(graph)));
        try {
            super.runInlining(graph, context);
        } finally {
            ROOT.set(outer);
        }
    }
}
