package dev.escape.integration;

import org.graalvm.collections.EconomicMap;

import dev.escape.analysis.Budget;
import dev.escape.analysis.VariableIndex;
import dev.escape.analysis.WalkPeeling;
import dev.escape.report.ReportFormat;
import jdk.graal.compiler.options.EnumOptionKey;
import jdk.graal.compiler.options.OptionKey;
import jdk.graal.compiler.options.OptionValues;

/**
 * escape's options, set like Graal's own: {@code -Djdk.graal.EscapeReport=text}. They are
 * registered through {@link EscapeOptionDescriptors}, so Graal rejects misspelled ones.
 */
public final class EscapeOptions {
    private EscapeOptions() {
    }

    /** Report format written when the VM exits ({@code text}, {@code json}, {@code html}); unset for no report. */
    public static final OptionKey<String> EscapeReport = new OptionKey<>(null) {
        /** Graal reports the exception as "Error parsing Graal options: ..." and the VM does not start. */
        @Override
        protected void onValueUpdate(EconomicMap<OptionKey<?>, Object> values, String oldValue, String newValue) {
            if (newValue != null) {
                try {
                    ReportFormat.parse(newValue);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("EscapeReport: " + e.getMessage(), e);
                }
            }
        }
    };
    /** Seconds between rewrites of the report while the program runs; 0 writes it only at exit. */
    public static final OptionKey<Integer> EscapeReportInterval = new OptionKey<>(0);
    /** Where the report goes. */
    public static final OptionKey<String> EscapeReportFile = new OptionKey<>("escape-report.txt");
    /**
     * Whether the report records the decision of every allocation site (default), or only each
     * compilation: its analysis, fallback and allocation counts. Sites need source positions
     * ({@code TrackNodeSourcePosition}), which slow every compilation down (Truffle's partial
     * evaluation most), and a report of them grows with every compilation; without them the
     * report costs next to nothing, for long runs that only need escape's health.
     */
    public static final OptionKey<Boolean> EscapeReportSites = new OptionKey<>(true);
    /** Graal method filter ({@code Class.method,Other.*}) limiting which compilations are recorded. */
    public static final OptionKey<String> EscapeMethods = new OptionKey<>(null);
    /** The analyses that can run in the escape slot; named in lower case, as the option's values are. */
    public enum AnalysisChoice {
        /** escape's own, with Graal's phase as the fallback (the default). */
        escape,
        /** Graal's phase only, for comparison. */
        graal
    }

    /** Which analysis runs in the escape slot; Graal's option parser rejects other values at VM start. */
    public static final EnumOptionKey<AnalysisChoice> EscapeAnalysis = new EnumOptionKey<>(AnalysisChoice.escape);
    /**
     * How many rounds escape's own analysis may run (like Graal's {@code EscapeAnalysisIterations}):
     * each round analyzes the graph the previous one left after canonicalization, and rounds stop
     * early once one changes nothing.
     */
    public static final OptionKey<Integer> EscapeAnalysisRounds = positive("EscapeAnalysisRounds", 2);
    /**
     * Rounds past {@link #EscapeAnalysisRounds} that rewrites between rounds may earn: a split
     * branch or a peeled loop after what was the last round earns one more, since the rewrite
     * removes nothing by itself. Not with one round (one round is one round).
     */
    public static final OptionKey<Integer> EscapeRoundsAfterRewrites = new OptionKey<>(2);
    /**
     * Between rounds, split a branch right after a merge where a round made a pending object real
     * ({@code BranchSplitting}), so that the next round may keep it virtual.
     */
    public static final OptionKey<Boolean> EscapeBranchSplitting = new OptionKey<>(true);
    /** Largest loop, in nodes times peels, that is peeled between rounds for a walk over virtual objects (see {@link WalkPeeling}). */
    public static final OptionKey<Integer> EscapeWalkPeelingNodes = WalkPeeling.EscapeWalkPeelingNodes;
    /** Directories (path-separator separated) where reports look up the source line of each site. */
    public static final OptionKey<String> EscapeSourcePath = new OptionKey<>(null);
    /** Directory for BGV dumps with escape's decisions on the nodes; unset for none. */
    public static final OptionKey<String> EscapeDumpPath = new OptionKey<>(null);
    /**
     * Work units ({@link Budget}: nodes visited plus object states carried into blocks, loop
     * rounds included) escape's analysis may spend on one compilation; past it the analysis
     * stops and the method keeps every allocation, with cause BUDGET.
     */
    public static final OptionKey<Integer> EscapeAnalysisBudget = positive("EscapeAnalysisBudget", 1_000_000);
    /** Objects one block state of escape's analysis may track at once; past it, as above. */
    public static final OptionKey<Integer> EscapeMaxVirtualObjects = positive("EscapeMaxVirtualObjects", 1_000);

    /** Longest small virtual array a variable index selects from (see {@link VariableIndex}). */
    public static final OptionKey<Integer> EscapeVariableIndexLength = VariableIndex.EscapeVariableIndexLength;

    /**
     * Whether the high tier inlines with {@link EscapeInliningPolicy} (default) or with Graal's
     * greedy policy unchanged.
     */
    public static final OptionKey<Boolean> EscapeAwareInlining = new OptionKey<>(true);

    /**
     * Runtime feedback ({@code dev.escape.feedback}): count the materializations escape's analysis
     * placed while compiled code runs, and recompile a method when its counts show a cold
     * materialization to speculate away or a hot call to inline.
     */
    public static final OptionKey<Boolean> EscapeFeedback = new OptionKey<>(true);
    /** Feedback recompilations one method may have; past them it keeps its last code. */
    public static final OptionKey<Integer> EscapeFeedbackRecompiles = positive("EscapeFeedbackRecompiles", 3);
    /** Executions of an allocation site in one window of counts before feedback judges its materializations. */
    public static final OptionKey<Integer> EscapeFeedbackSamples = positive("EscapeFeedbackSamples", 10_000);
    /** A materialization is cold when it ran at most this many per million executions of its site in a window. */
    public static final OptionKey<Integer> EscapeFeedbackColdPerMillion = new OptionKey<>(1_000);
    /** A materialization at a call that was not inlined is hot when it ran at least this many per million executions of its site. */
    public static final OptionKey<Integer> EscapeFeedbackHotPerMillion = positive("EscapeFeedbackHotPerMillion", 500_000);
    /** Milliseconds between two readings of the counters by the feedback monitor. */
    public static final OptionKey<Integer> EscapeFeedbackPeriod = positive("EscapeFeedbackPeriod", 5);

    /** The budget of one compilation with {@code options}. */
    public static Budget budget(OptionValues options) {
        return new Budget(EscapeAnalysisBudget.getValue(options), EscapeMaxVirtualObjects.getValue(options));
    }

    /** An integer option that must be at least 1 (Graal reports the error and the VM does not start). */
    private static OptionKey<Integer> positive(String name, int defaultValue) {
        return new OptionKey<>(defaultValue) {
            @Override
            protected void onValueUpdate(EconomicMap<OptionKey<?>, Object> values, Integer oldValue, Integer newValue) {
                if (newValue == null || newValue < 1) {
                    throw new IllegalArgumentException(name + " must be at least 1, not " + newValue);
                }
            }
        };
    }
}
