package dev.escape.truffle;

import dev.escape.integration.EscapeAnalysis;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.virtual.phases.ea.ReadEliminationPhase;

/**
 * escape's analysis in partial evaluation's slot. Graal's phase there does escape analysis and read
 * elimination in one walk (its {@code OptEarlyReadElimination}, on by default), and what follows
 * partial evaluation (inlining decisions by graph size, the Truffle frame checks) expects both done.
 * escape's analysis does no read elimination, so Graal's read elimination runs after it; when the
 * analysis gave the graph to Graal's phase, that phase has done both.
 */
final class TruffleTierAnalysis implements EscapeAnalysis {
    private final EscapeAnalysis own;
    private final ReadEliminationPhase readElimination;

    TruffleTierAnalysis(EscapeAnalysis own, CanonicalizerPhase canonicalizer) {
        this.own = own;
        this.readElimination = new ReadEliminationPhase(canonicalizer);
    }

    @Override
    public String name() {
        return own.name();
    }

    @Override
    public Outcome apply(StructuredGraph graph, CoreProviders context) {
        Outcome outcome = own.apply(graph, context);
        if (outcome.fallback() == null && own.name().equals(outcome.analysis())) {
            readElimination.apply(graph, context);
        }
        return outcome;
    }
}
