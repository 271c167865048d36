package dev.escape.integration;

import java.util.concurrent.atomic.AtomicLong;

import dev.escape.analysis.Analysis;
import dev.escape.analysis.Budget;
import dev.escape.analysis.Decisions;
import dev.escape.analysis.GraphCheck;
import dev.escape.analysis.Unsupported;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.debug.GraalError;
import jdk.graal.compiler.core.common.PermanentBailoutException;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.phases.common.CanonicalizerPhase;
import jdk.graal.compiler.phases.common.DeadCodeEliminationPhase;
import jdk.graal.compiler.phases.schedule.SchedulePhase;
import jdk.graal.compiler.phases.schedule.SchedulePhase.SchedulingStrategy;

/**
 * escape's own partial escape analysis ({@link Analysis}), with Graal's phase as the safety net:
 * when the analysis meets something it does not handle it says so before touching the graph, and
 * the graph goes to {@link StockEscapeAnalysis}; the fallback and its reason are recorded. An
 * analysis that goes over its {@link Budget} leaves the graph as it is, every allocation kept
 * with cause {@code BUDGET}.
 */
public final class OwnEscapeAnalysis implements EscapeAnalysis {
    /** Graphs handed to Graal's phase in this VM (reports show it; tests assert on it). */
    public static final AtomicLong FALLBACKS = new AtomicLong();

    private final CanonicalizerPhase canonicalizer;
    private final EscapeAnalysis fallback;

    public OwnEscapeAnalysis(CanonicalizerPhase canonicalizer, EscapeAnalysis fallback) {
        this.canonicalizer = canonicalizer;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return "escape";
    }

    @Override
    @SuppressWarnings("try")
    public Outcome apply(StructuredGraph graph, CoreProviders context) {
        DebugContext debug = graph.getDebug();
        Decisions decisions = new Decisions();
        Budget budget = EscapeOptions.budget(graph.getOptions());
        Analysis analysis;
        try (DebugContext.Scope s = debug.scope("EscapeAnalysis")) {
            SchedulePhase.runWithoutContextOptimizations(graph, SchedulingStrategy.EARLIEST);
            analysis = new Analysis(graph, context, graph.getLastSchedule(), decisions, budget);
            analysis.run();
        } catch (Budget.Exhausted e) {
            // Nothing changed yet: the method keeps every allocation (Budget says why not Graal's phase).
            decisions.stopped(e);
            return new Outcome(name(), null, decisions);
        } catch (Unsupported e) {
            return fallBack(graph, context, e.getMessage());
        } catch (RuntimeException | AssertionError | GraalError e) {
            // A bug of ours must cost an optimization, never the compilation.
            return fallBack(graph, context, "analysis failed: " + e);
        }
        if (analysis.hasEffects()) {
            try {
                analysis.apply();
                new DeadCodeEliminationPhase(DeadCodeEliminationPhase.Optionality.Required).apply(graph);
                String problem = GraphCheck.problem(graph);
                if (problem != null) {
                    throw new GraalError("escape analysis left an inconsistent graph: %s", problem);
                }
                canonicalizer.apply(graph, context);
            } catch (RuntimeException | AssertionError | GraalError e) {
                // Too late to hand the graph to Graal's phase: refuse this compilation cleanly (the
                // method runs as before) rather than let this or a later phase fail or miscompile.
                FALLBACKS.incrementAndGet();
                throw new PermanentBailoutException(e, "escape analysis could not finish its changes: %s", e.getMessage());
            }
        }
        return new Outcome(name(), null, decisions);
    }

    private Outcome fallBack(StructuredGraph graph, CoreProviders context, String reason) {
        FALLBACKS.incrementAndGet();
        Outcome stock = fallback.apply(graph, context);
        return new Outcome(stock.analysis(), reason, stock.decisions());
    }
}
