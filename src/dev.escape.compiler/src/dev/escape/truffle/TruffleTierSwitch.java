package dev.escape.truffle;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

import dev.escape.integration.EscapeAnalysis;
import dev.escape.integration.EscapeCompilerConfiguration;
import dev.escape.integration.EscapePhase;
import dev.escape.integration.OwnEscapeAnalysis;
import dev.escape.integration.StockEscapeAnalysis;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.nodes.GraphState;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.graphbuilderconf.GraphBuilderContext;
import jdk.graal.compiler.nodes.graphbuilderconf.NodePlugin;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.BasePhase;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.truffle.PostPartialEvaluationSuite;
import jdk.graal.compiler.truffle.TruffleCompilationIdentifier;
import jdk.graal.compiler.truffle.TruffleCompilerImpl;
import jdk.graal.compiler.truffle.TruffleCompilerOptions;
import jdk.graal.compiler.truffle.TruffleTierContext;
import jdk.graal.compiler.truffle.host.TruffleHostEnvironment;
import jdk.graal.compiler.truffle.phases.TruffleTier;
import jdk.graal.compiler.truffle.phases.inlining.AgnosticInliningPhase;
import jdk.graal.compiler.virtual.phases.ea.PartialEscapePhase;
import jdk.graal.compiler.virtual.phases.ea.ReadEliminationPhase;
import jdk.vm.ci.meta.ResolvedJavaField;
import jdk.vm.ci.meta.ResolvedJavaMethod;

/**
 * Puts {@link EscapePhase} into the escape analysis slot of Truffle's partial evaluation, once per
 * Truffle compiler.
 *
 * <p>
 * Graal runs a partial escape analysis in two places of a Truffle compilation: in the high tier
 * (the final one, {@code FinalPartialEscapePhase}; the last tier's suites come from escape's
 * configuration, so that slot is already escape's) and in the Truffle tier, right after partial
 * evaluation: {@code PostPartialEvaluationSuite} ends with a {@code PartialEscapePhase} (with read
 * elimination) that virtualizes the guest's frames and objects before inlining decisions and the
 * frame checks. That suite is built by {@code TruffleCompilerImpl.initialize} and handed to the
 * {@code AgnosticInliningPhase} of its {@code TruffleTier}; no service or option reaches it. So
 * this phase, first in escape's high tier, does on the first Truffle compilation that reaches it
 * what a configuration would do: it asks Graal's {@code TruffleHostEnvironment} for the Truffle
 * compiler (the way Graal's own host inlining does) and puts escape's phase in place of the
 * {@code PartialEscapePhase} of the suite the tier's {@code AgnosticInliningPhase} runs.
 * {@link Trigger} does the same earlier, during the first Truffle compilation's partial
 * evaluation, before that compilation applies the suite: so every Truffle compilation, the first
 * too, runs escape's analysis in both slots.
 *
 * <p>
 * That suite is a private field of the inlining phase: reading it needs {@code --add-opens
 * jdk.graal.compiler/jdk.graal.compiler.truffle.phases.inlining=dev.escape.compiler}, which the
 * launcher passes. Without it the switch keeps to Graal's public API: it builds a
 * {@code PostPartialEvaluationSuite} as Truffle does, with escape's phase, and replaces the tier's
 * {@code AgnosticInliningPhase} by one over that suite; then the compilation during which the
 * switch happens (the first) keeps Graal's phase in partial evaluation. The report tells the two
 * slots apart by the compilation id: {@value TruffleNames#TRUFFLE_TIER_SUFFIX} marks partial
 * evaluation's.
 */
public final class TruffleTierSwitch extends BasePhase<CoreProviders> {
    /** Truffle tiers already switched, or tried (a VM has one Truffle compiler; tests may make more). */
    private static final Set<TruffleTier> SWITCHED = Collections.newSetFromMap(new WeakHashMap<>());

    /** Whether some Truffle tier was switched or tried (a VM has one Truffle compiler: {@link Trigger} stops looking). */
    private static volatile boolean switchedOnce;

    @Override
    public Optional<NotApplicable> notApplicableTo(GraphState graphState) {
        return ALWAYS_APPLICABLE;
    }

    @Override
    protected void run(StructuredGraph graph, CoreProviders context) {
        switchFor(graph);
    }

    /**
     * The same switch, earlier: a node plugin of escape's configuration, so also of the graph
     * builder that partial evaluation uses (Truffle takes its plugins from the last tier's
     * configuration), which sees the first Truffle compilation's graph while it is partially
     * evaluated, before its tier's analysis. In host compilations it
     * only tests the compilation id, and nothing at all once a switch happened. Handles nothing.
     */
    public static final class Trigger implements NodePlugin {
        @Override
        public boolean handleInvoke(GraphBuilderContext b, ResolvedJavaMethod method, ValueNode[] args) {
            if (!switchedOnce) {
                switchFor(b.getGraph());
            }
            return false;
        }

        @Override
        public boolean handleLoadField(GraphBuilderContext b, ValueNode object, ResolvedJavaField field) {
            if (!switchedOnce) {
                switchFor(b.getGraph());
            }
            return false;
        }
    }

    private static void switchFor(StructuredGraph graph) {
        if (!(graph.compilationId() instanceof TruffleCompilationIdentifier id) || graph.method() == null) {
            return;
        }
        try {
            TruffleHostEnvironment environment = TruffleHostEnvironment.get(graph.method());
            if (environment == null) {
                return;
            }
            TruffleCompilerImpl compiler = environment.getTruffleCompiler(id.getCompilable());
            String failure = switchTier(compiler, compiler.getOrCreateCompilerOptions(id.getCompilable()));
            if (failure != null) {
                graph.getDebug().log(DebugContext.BASIC_LEVEL, "escape: Truffle tier not switched: %s", failure);
            }
        } catch (RuntimeException | LinkageError e) {
            // Graal's phase stays in partial evaluation; this compilation goes on unchanged.
            graph.getDebug().log(DebugContext.BASIC_LEVEL, "escape: Truffle tier not switched: %s", e);
        }
    }

    /**
     * escape's analysis in partial evaluation's slot. Graal's phase there does escape analysis and
     * read elimination in one walk (its {@code OptEarlyReadElimination}, on by default), and what
     * follows partial evaluation (inlining decisions by graph size, the frame checks) expects both
     * done. escape's analysis does no read elimination, so Graal's read elimination runs after it;
     * when the analysis gave the graph to Graal's phase, that phase has done both. Its rounds are
     * escape's usual ones although Graal's phase there makes one pass: the second round is what
     * removes a guest object that the first one's canonicalization exposes (the ESL vectors
     * benchmark: 184 B/op with it, 208 without, as under graal).
     */
    private static EscapeAnalysis ownAnalysis(CanonicalizerPhase canonicalizer, EscapeAnalysis fallback) {
        EscapeAnalysis own = new OwnEscapeAnalysis(canonicalizer, fallback);
        ReadEliminationPhase readElimination = new ReadEliminationPhase(canonicalizer);
        return own.followedBy((graph, context, outcome) -> {
            if (outcome.fallback() == null && own.name().equals(outcome.analysis())) {
                readElimination.apply(graph, context);
            }
        });
    }

    /**
     * Switches {@code compiler}'s tier, once: a tier whose phases are not as expected is not tried
     * again (nor looked for by {@link Trigger} on every node it parses). Returns why it failed, or null.
     */
    private static synchronized String switchTier(TruffleCompilerImpl compiler, OptionValues options) {
        TruffleTier tier = compiler.getTruffleTier();
        if (tier == null || !SWITCHED.add(tier)) {
            return null;
        }
        switchedOnce = true;
        boolean iterative = TruffleCompilerOptions.IterativePartialEscape.getValue(options);
        CanonicalizerPhase canonicalizer = CanonicalizerPhase.create();
        // Graal's phase as PostPartialEvaluationSuite configures it: the fallback and the `graal` choice.
        StockEscapeAnalysis stock = new StockEscapeAnalysis(new PartialEscapePhase(iterative, canonicalizer, options));
        EscapePhase phase = EscapeCompilerConfiguration.createPhase(options, EscapePhase.Slot.TRUFFLE_TIER, stock, fallback -> ownAnalysis(canonicalizer, fallback));
        ListIterator<BasePhase<? super TruffleTierContext>> inlining = tier.findPhase(AgnosticInliningPhase.class);
        if (inlining == null) {
            return "the Truffle tier has no AgnosticInliningPhase";
        }
        // In place, one element set in a list the tier's compilations iterate (they see Graal's
        // phase or escape's, whole); without access to it, in a new suite for a new inlining phase.
        PostPartialEvaluationSuite running = suiteOf((AgnosticInliningPhase) inlining.previous());
        PostPartialEvaluationSuite suite = running != null ? running : new PostPartialEvaluationSuite(options, iterative);
        if (!suite.replacePhase(PartialEscapePhase.class, phase)) {
            return "PostPartialEvaluationSuite has no PartialEscapePhase";
        }
        if (running == null) {
            inlining.set(new AgnosticInliningPhase(compiler.getPartialEvaluator(), suite));
        }
        return null;
    }

    /** The suite {@code inlining} applies after partial evaluation, or null when this module may not read it (no --add-opens). */
    private static PostPartialEvaluationSuite suiteOf(AgnosticInliningPhase inlining) {
        try {
            Field suite = AgnosticInliningPhase.class.getDeclaredField("postPartialEvaluationSuite");
            suite.setAccessible(true);
            return (PostPartialEvaluationSuite) suite.get(inlining);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
