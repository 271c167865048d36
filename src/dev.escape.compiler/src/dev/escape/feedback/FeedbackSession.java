package dev.escape.feedback;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.escape.analysis.Decisions.Placed;
import dev.escape.decisions.CompilationRecord.FeedbackRound;
import dev.escape.integration.EscapeOptions;
import jdk.graal.compiler.debug.GraalError;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.serviceprovider.SpeculationReasonGroup;
import jdk.vm.ci.meta.SpeculationLog;
import jdk.vm.ci.meta.SpeculationLog.SpeculationReason;

/**
 * Runtime feedback's part in one compilation, driven by escape's analysis in its first round:
 * {@link #speculate} acts on the verdict of the window that ended the method's instrumented code
 * (before the analysis that is applied), {@link #instrument} places the counters of the next window
 * (while the analysis's effects are still to be applied), and {@link #finish} turns them into
 * code once every round has run. Nothing here may fail a compilation: a problem costs the
 * feedback of this compilation only.
 */
public final class FeedbackSession {
    private static final SpeculationReasonGroup COLD_MATERIALIZATION = new SpeculationReasonGroup("EscapeFeedbackColdMaterialization", String.class);

    /**
     * What feedback did in this compilation, for its record and its dump.
     *
     * @param round which feedback recompilation this compilation is
     * @param guards the text ({@link FeedbackEvent#describe}) of each speculative deoptimization it
     *            placed, by its speculation's reason: the guard and the deoptimization
     *            canonicalization makes of it both carry that speculation
     */
    public record Note(FeedbackRound round, Map<SpeculationReason, String> guards) {
    }

    private final Unit unit;
    private final StructuredGraph graph;
    private final CoreProviders providers;
    private final Unit.Verdict verdict;
    private final int maxRecompiles;
    private final Instrumentation instrumentation;
    /** For the report and the dumps only: see {@link Note}. */
    private final int recompile;
    private final Map<SpeculationReason, String> guards = new LinkedHashMap<>();

    FeedbackSession(Unit unit, StructuredGraph graph, CoreProviders providers) {
        this.unit = unit;
        this.graph = graph;
        this.providers = providers;
        this.maxRecompiles = EscapeOptions.EscapeFeedbackRecompiles.getValue(graph.getOptions());
        this.instrumentation = new Instrumentation(unit, graph, providers);
        SpeculationLog log = graph.getSpeculationLog();
        for (String key : unit.speculated()) {
            if (!log.maySpeculate(reason(key))) {
                unit.failed(key);
            }
        }
        this.verdict = unit.takeVerdict(maxRecompiles);
        if (verdict != null && verdict.idle()) {
            unit.idle();
        }
        this.recompile = verdict != null ? unit.recompiles() : 0;
    }

    /** What feedback did in this compilation, for the report and the dumps; null if it did not act on a verdict. */
    public Note note() {
        return verdict == null ? null : new Note(new FeedbackRound(unit.name, recompile), Map.copyOf(guards));
    }

    private static SpeculationReason reason(String key) {
        return COLD_MATERIALIZATION.createSpeculationReason(key);
    }

    /**
     * Makes the cold materializations of the verdict, where {@code plan} (the first round's) has
     * them, speculative deoptimizations. True if it changed the graph: then the analysis must run
     * again, after canonicalization removed the code behind them.
     */
    public boolean speculate(List<Placed> plan) {
        try {
            return speculateCold(plan);
        } catch (RuntimeException | GraalError e) {
            // Guards placed so far are plain deoptimizations: the graph stays correct; analyze it again.
            graph.getDebug().log("escape feedback: speculation stopped: %s", e);
            return true;
        }
    }

    private boolean speculateCold(List<Placed> plan) {
        if (verdict == null) {
            return false;
        }
        Set<String> reported = new HashSet<>();
        for (Unit.Judged hot : verdict.hot()) {
            unit.record(event(FeedbackEvent.Kind.INLINED, hot));
        }
        if (verdict.cold().isEmpty() || unit.failed()) {
            return false;
        }
        Map<String, Unit.Judged> cold = new LinkedHashMap<>();
        for (Unit.Judged j : verdict.cold()) {
            cold.put(j.materialization().key(), j);
        }
        SpeculationLog log = graph.getSpeculationLog();
        boolean changed = false;
        for (Placed p : plan) {
            String key = Anchor.materialization(p);
            Unit.Judged judged = key == null ? null : cold.get(key);
            if (judged == null || !GraphEdits.canPrecede(p.position())) {
                continue;
            }
            SpeculationReason reason = reason(key);
            if (log.maySpeculate(reason)) {
                GraphEdits.speculateUnreached(p.position(), log.speculate(reason));
                changed = true;
                FeedbackEvent event = event(FeedbackEvent.Kind.SPECULATED, judged);
                guards.putIfAbsent(reason, event.describe());
                if (reported.add(key)) {
                    unit.speculatedOn(key, event);
                }
            } else if (reported.add(key)) {
                unit.record(event(FeedbackEvent.Kind.NOT_SPECULATED, judged));
            }
        }
        return changed;
    }

    private FeedbackEvent event(FeedbackEvent.Kind kind, Unit.Judged j) {
        return new FeedbackEvent(unit.recompiles(), kind, j.site().site.describe(), j.materialization().describe(), j.count(), j.siteCount());
    }

    /**
     * Puts the counters of the method's next window where {@code plan} (the first round's, before
     * its effects are applied) places materializations ({@link Instrumentation}); nothing once a
     * speculation failed, the counters proved idle, or the method had its last feedback recompilation.
     */
    public void instrument(List<Placed> plan) {
        if (unit.instrumentable(maxRecompiles)) {
            instrumentation.place(plan);
        }
    }

    /** Turns the counters into code once every round has run, and starts watching them. */
    public void finish() {
        instrumentation.finish();
    }
}
