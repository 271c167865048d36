package dev.escape.integration;

import dev.escape.decisions.DecisionLog;
import jdk.graal.compiler.core.phases.CommunityCompilerConfiguration;
import jdk.graal.compiler.core.phases.HighTier;
import jdk.graal.compiler.debug.MethodFilter;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.PhaseSuite;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.phases.common.inlining.InliningPhase;
import jdk.graal.compiler.phases.tiers.HighTierContext;
import jdk.graal.compiler.virtual.phases.ea.FinalPartialEscapePhase;

/**
 * Graal's community tiers, with {@link EscapePhase} where the high tier runs Graal's final partial
 * escape analysis, and {@link EscapeInliningPolicy} for Graal's greedy inlining policy. With {@code -Djdk.graal.PartialEscapeAnalysis=false} there is no such slot and
 * the tiers are Graal's unchanged.
 */
public final class EscapeCompilerConfiguration extends CommunityCompilerConfiguration {

    @Override
    public HighTier createHighTier(OptionValues options) {
        HighTier highTier = super.createHighTier(options);
        highTier.replacePhase(FinalPartialEscapePhase.class, createPhase(options));
        if (EscapeOptions.EscapeAwareInlining.getValue(options)) {
            useEscapeInlining(highTier);
        }
        ReportAtExit.installOnce(options);
        return highTier;
    }

    /** Puts {@link EscapeInliningPolicy} in {@code highTier}'s inlining phase, if it has one (Graal's {@code Inline} option). */
    public static void useEscapeInlining(PhaseSuite<HighTierContext> highTier) {
        highTier.replacePhase(InliningPhase.class, new InliningPhase(new EscapeInliningPolicy(), CanonicalizerPhase.create()));
    }

    /** The phase as the JIT runs it: decisions go to the VM-wide {@link DecisionLog}. */
    static EscapePhase createPhase(OptionValues options) {
        String methods = EscapeOptions.EscapeMethods.getValue(options);
        MethodFilter filter = methods == null ? null : MethodFilter.parse(methods);
        DecisionLog log = DecisionLog.global();
        CanonicalizerPhase canonicalizer = CanonicalizerPhase.create();
        EscapeAnalysis stock = new StockEscapeAnalysis(canonicalizer, options);
        EscapeAnalysis analysis = switch (EscapeOptions.EscapeAnalysis.getValue(options)) {
            case escape -> new OwnEscapeAnalysis(canonicalizer, stock);
            case graal -> stock;
        };
        if (EscapeOptions.EscapeReport.getValue(options) == null && EscapeOptions.EscapeDumpPath.getValue(options) == null) {
            // Nobody reads the decisions: keeping them would cost compile time and grow without bound.
            return new EscapePhase(analysis, filter, null, null);
        }
        return new EscapePhase(analysis, filter, log::add, log::skip);
    }
}
