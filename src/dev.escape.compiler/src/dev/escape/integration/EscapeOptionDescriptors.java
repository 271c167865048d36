package dev.escape.integration;

import java.util.Iterator;
import java.util.List;

import jdk.graal.compiler.options.OptionDescriptor;
import jdk.graal.compiler.options.OptionDescriptors;
import jdk.graal.compiler.options.OptionKey;
import jdk.graal.compiler.options.OptionType;
import jdk.graal.compiler.options.OptionsContainer;

/**
 * Describes {@link EscapeOptions} to Graal's option parser (a {@code META-INF/services} entry).
 * Graal generates such classes with an annotation processor that is not published, so this one
 * is written by hand.
 */
public final class EscapeOptionDescriptors implements OptionDescriptors {
    private static final OptionsContainer CONTAINER = OptionsContainer.asContainer(EscapeOptions.class);

    private static final List<OptionDescriptor> DESCRIPTORS = List.of(
                    describe("EscapeReport", EscapeOptions.EscapeReport, "Write escape's allocation report when the VM exits, in this format: text, json or html."),
                    describe("EscapeReportFile", EscapeOptions.EscapeReportFile, "File that receives escape's allocation report."),
                    describe("EscapeReportSites", EscapeOptions.EscapeReportSites, Boolean.class,
                                    "Record every allocation site's decision in the report (default true); false: only each compilation's analysis, fallback and allocation counts, at almost no compile-time cost."),
                    describe("EscapeMethods", EscapeOptions.EscapeMethods, "Record escape decisions only for compilations of methods matching this filter (Graal MethodFilter syntax)."),
                    describe("EscapeAnalysis", EscapeOptions.EscapeAnalysis, EscapeOptions.AnalysisChoice.class, "Analysis in the escape slot: escape (escape's own partial escape analysis, falling back to Graal's; default) or graal (Graal's phase only)."),
                    describe("EscapeSourcePath", EscapeOptions.EscapeSourcePath, "Source directories (separated like a class path) where the report finds the source line of each allocation."),
                    describe("EscapeDumpPath", EscapeOptions.EscapeDumpPath, "Directory for BGV files (one per compilation) whose allocation nodes carry escape's decisions."),
                    describe("EscapeReportInterval", EscapeOptions.EscapeReportInterval, Integer.class, "Also rewrite the report every this many seconds while the program runs (0: only at exit)."),
                    describe("EscapeAnalysisRounds", EscapeOptions.EscapeAnalysisRounds, Integer.class, "Rounds of escape's own analysis, with canonicalization between them; another runs only while the canonicalization after the last one simplified something (default 2, like Graal's EscapeAnalysisIterations)."),
                    describe("EscapeRoundsAfterRewrites", EscapeOptions.EscapeRoundsAfterRewrites, Integer.class,
                                    "Rounds past EscapeAnalysisRounds (when that is more than 1) that a branch split or a loop peeled after the last round may earn, one each, since the rewrite only pays off in the round after it (default 2; 0: none)."),
                    describe("EscapeBranchSplitting", EscapeOptions.EscapeBranchSplitting, Boolean.class,
                                    "Between rounds, split a branch right after a merge where a round allocated an object that stayed unallocated past the merge on some paths, when each path into the merge decides the branch on its own (default true)."),
                    describe("EscapeWalkPeelingNodes", EscapeOptions.EscapeWalkPeelingNodes, Integer.class,
                                    "Between rounds, peel a loop that walks a small structure of unallocated objects (n = n.next) once per object, if its nodes times its peels are at most this (default 500; 0: never)."),
                    describe("EscapeAnalysisBudget", EscapeOptions.EscapeAnalysisBudget, Integer.class,
                                    "Work units (nodes visited plus object states carried into blocks, loop rounds included) escape's analysis may spend on one compilation; past it the method keeps every allocation."),
                    describe("EscapeMaxVirtualObjects", EscapeOptions.EscapeMaxVirtualObjects, Integer.class,
                                    "Objects escape's analysis may track at once at one point of a method; past it the method keeps every allocation."),
                    describe("EscapeVariableIndexLength", EscapeOptions.EscapeVariableIndexLength, Integer.class,
                                    "Longest virtual array of primitives that a load or store at a variable index keeps virtual, as a select over its elements (default 8; 0: none)."),
                    describe("EscapeAwareInlining", EscapeOptions.EscapeAwareInlining, Boolean.class,
                                    "Inline a call that passes an object the caller allocates even if the callee's own compiled graph was large (Graal's SmallCompiledLowLevelGraphSize); default true."),
                    describe("EscapeFeedback", EscapeOptions.EscapeFeedback, Boolean.class,
                                    "Runtime feedback: count materializations in compiled code and recompile with cold ones speculated away and hot calls inlined; default true."),
                    describe("EscapeFeedbackRecompiles", EscapeOptions.EscapeFeedbackRecompiles, Integer.class, "Feedback recompilations one method may have (default 3)."),
                    describe("EscapeFeedbackSamples", EscapeOptions.EscapeFeedbackSamples, Integer.class,
                                    "Executions of an allocation site in one window of counts before feedback judges its materializations (default 10000)."),
                    describe("EscapeFeedbackColdPerMillion", EscapeOptions.EscapeFeedbackColdPerMillion, Integer.class,
                                    "A materialization is cold, and speculated away, when it ran at most this many times per million executions of its site (default 1000)."),
                    describe("EscapeFeedbackHotPerMillion", EscapeOptions.EscapeFeedbackHotPerMillion, Integer.class,
                                    "A materialization at a call that was not inlined is hot, and the call inlined on recompilation, when it ran at least this many times per million executions of its site (default 500000)."),
                    describe("EscapeFeedbackPeriod", EscapeOptions.EscapeFeedbackPeriod, Integer.class, "Milliseconds between two readings of the feedback counters (default 5)."));

    private static OptionDescriptor describe(String name, OptionKey<String> key, String help) {
        return describe(name, key, String.class, help);
    }

    private static <T> OptionDescriptor describe(String name, OptionKey<T> key, Class<T> type, String help) {
        return OptionDescriptor.create(name, OptionType.User, type, help, CONTAINER, name, key);
    }

    @Override
    public OptionsContainer getContainer() {
        return CONTAINER;
    }

    @Override
    public OptionDescriptor get(String value) {
        // Graal looks options up by name in every compilation: no stream (see dev.escape.analysis on profiles).
        for (OptionDescriptor d : DESCRIPTORS) {
            if (d.getName().equals(value)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public Iterator<OptionDescriptor> iterator() {
        return DESCRIPTORS.iterator();
    }
}
