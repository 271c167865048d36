package dev.escape.integration;

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
    private static final ThreadLocal<StructuredGraph> ROOT = new ThreadLocal<>();

    EscapeInliningPhase(InliningPolicy policy, CanonicalizerPhase canonicalizer) {
        super(policy, canonicalizer);
    }

    /** The graph of the compilation whose inlining runs on this thread, or null. */
    static StructuredGraph root() {
        return ROOT.get();
    }

    @Override
    protected void runInlining(StructuredGraph graph, HighTierContext context) {
        StructuredGraph outer = ROOT.get();
        ROOT.set(graph);
        try {
            super.runInlining(graph, context);
        } finally {
            ROOT.set(outer);
        }
    }
}
