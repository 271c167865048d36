package dev.escape.integration;

import java.util.function.Function;

import dev.escape.decisions.DecisionLog;
import dev.escape.truffle.TruffleTierSwitch;
import jdk.graal.compiler.core.common.GraalOptions;
import jdk.graal.compiler.core.phases.CommunityCompilerConfiguration;
import jdk.graal.compiler.core.phases.HighTier;
import jdk.graal.compiler.debug.MethodFilter;
import jdk.graal.compiler.nodes.graphbuilderconf.GraphBuilderConfiguration.Plugins;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.PhaseSuite;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.phases.common.inlining.InliningPhase;
import jdk.graal.compiler.phases.tiers.HighTierContext;
import jdk.graal.compiler.truffle.hotspot.TruffleCommunityCompilerConfiguration;
import jdk.graal.compiler.virtual.phases.ea.FinalPartialEscapePhase;
import jdk.vm.ci.code.Architecture;

/**
 * Graal's community tiers (with Truffle's host extensions, as Graal's own {@code community}
 * configuration has them), with {@link EscapePhase} where the high tier runs Graal's final partial
 * escape analysis, and {@link EscapeInliningPolicy} for Graal's greedy inlining policy. In Truffle
 * compilations {@link TruffleTierSwitch} also puts escape's phase into partial evaluation. With
 * {@code -Djdk.graal.PartialEscapeAnalysis=false} there is no such slot and the tiers are Graal's
 * unchanged.
 */
public final class EscapeCompilerConfiguration extends CommunityCompilerConfiguration {

    @Override
    public HighTier createHighTier(OptionValues options) {
        HighTier highTier = super.createHighTier(options);
        boolean escapeSlot = highTier.replacePhase(FinalPartialEscapePhase.class, createPhase(options));
        if (EscapeOptions.EscapeAwareInlining.getValue(options)) {
            useEscapeInlining(highTier);
        }
        // Graal's default `community` configuration is Truffle's (host inlining of Truffle interpreters): as there.
        TruffleCommunityCompilerConfiguration.installCommunityHighTier(options, highTier);
        if (escapeSlot) {
            // In a Truffle compilation, puts escape's phase into partial evaluation's escape analysis slot too.
            highTier.prependPhase(new TruffleTierSwitch());
        }
        ReportAtExit.installOnce(options);
        return highTier;
    }

    /**
     * Graal's plugins, and Truffle's for host compilations as in Graal's {@code community}
     * configuration (which is {@code TruffleCommunityCompilerConfiguration} whenever Truffle's
     * compiler is on the module path, as here): {@code --config=graal} and {@code escape} differ only
     * in escape analysis.
     */
    @Override
    public void registerGraphBuilderPlugins(Architecture arch, Plugins plugins, OptionValues options) {
        super.registerGraphBuilderPlugins(arch, plugins, options);
        TruffleCommunityCompilerConfiguration.registerCommunityGraphBuilderPlugins(arch, plugins, options);
        if (GraalOptions.PartialEscapeAnalysis.getValue(options)) {
            plugins.appendNodePlugin(new TruffleTierSwitch.Trigger());
        }
    }

    /** Puts {@link EscapeInliningPolicy} in {@code highTier}'s inlining phase, if it has one (Graal's {@code Inline} option). */
    public static void useEscapeInlining(PhaseSuite<HighTierContext> highTier) {
        highTier.replacePhase(InliningPhase.class, new EscapeInliningPhase(new EscapeInliningPolicy(), CanonicalizerPhase.create()));
    }

    /** The phase as the JIT runs it: decisions go to the VM-wide {@link DecisionLog}. */
    static EscapePhase createPhase(OptionValues options) {
        CanonicalizerPhase canonicalizer = CanonicalizerPhase.create();
        return createPhase(options, EscapePhase.Slot.HIGH_TIER, new StockEscapeAnalysis(canonicalizer, options), stock -> new OwnEscapeAnalysis(canonicalizer, stock));
    }

    /**
     * The phase for {@code slot} as the JIT runs it, with Graal's phase of that slot as
     * {@code stock} and {@code own} making escape's analysis around it (its fallback), as
     * {@code -Djdk.graal.EscapeAnalysis} selects.
     */
    public static EscapePhase createPhase(OptionValues options, EscapePhase.Slot slot, EscapeAnalysis stock, Function<EscapeAnalysis, EscapeAnalysis> own) {
        String methods = EscapeOptions.EscapeMethods.getValue(options);
        MethodFilter filter = methods == null ? null : MethodFilter.parse(methods);
        DecisionLog log = DecisionLog.global();
        EscapeAnalysis analysis = switch (EscapeOptions.EscapeAnalysis.getValue(options)) {
            case escape -> own.apply(stock);
            case graal -> stock;
        };
        if (EscapeOptions.EscapeReport.getValue(options) == null && EscapeOptions.EscapeDumpPath.getValue(options) == null) {
            // Nobody reads the decisions: keeping them would cost compile time and grow without bound.
            return new EscapePhase(slot, analysis, filter, null, null, false);
        }
        return new EscapePhase(slot, analysis, filter, log::add, log::skip, EscapeOptions.EscapeReportSites.getValue(options));
    }
}
