package dev.escape.test.harness;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.escape.decisions.CompilationRecord;
import dev.escape.integration.EscapeAnalysis;
import dev.escape.integration.EscapeOptions;
import dev.escape.integration.EscapePhase;
import jdk.graal.compiler.code.CompilationResult;
import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.hotspot.HotSpotBackend;
import jdk.graal.compiler.hotspot.HotSpotGraalCompiler;
import jdk.graal.compiler.nodes.StaticDeoptimizingNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.StructuredGraph.AllowAssumptions;
import jdk.graal.compiler.nodes.spi.ProfileProvider;
import jdk.graal.compiler.nodes.spi.StableProfileProvider;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.tiers.Suites;
import jdk.graal.compiler.virtual.phases.ea.FinalPartialEscapePhase;
import jdk.vm.ci.code.InstalledCode;
import jdk.vm.ci.hotspot.HotSpotResolvedJavaMethod;
import jdk.vm.ci.meta.ResolvedJavaMethod;
import jdk.vm.ci.meta.SpeculationLog;
import jdk.vm.ci.runtime.JVMCI;

/**
 * Library mode: compiles one static method through Graal's real tiers, with a chosen {@link Slot}
 * in place of the final partial escape analysis, and installs the code so tests can run it. C2
 * stays the JVM's JIT.
 */
public final class GraalHarness {
    private static final HotSpotGraalCompiler COMPILER = (HotSpotGraalCompiler) JVMCI.getRuntime().getCompiler();
    private static final HotSpotBackend BACKEND = COMPILER.getGraalRuntime().getHostBackend();
    /**
     * Whether graphs track source positions, as under {@code --report}; {@code
     * -Descape.test.positions=false} compiles as a run without a report does (runtime feedback then
     * names sites without them).
     */
    private static final boolean TRACK_POSITIONS = Boolean.parseBoolean(System.getProperty("escape.test.positions", "true"));
    /**
     * The VM's Graal options, without runtime feedback: library-mode compilations are judged on
     * their own, and code that tests run often must not be recompiled under them. Tests of
     * feedback turn it on in the options they pass.
     */
    private static final OptionValues OPTIONS = new OptionValues(COMPILER.getGraalRuntime().getOptions(), EscapeOptions.EscapeFeedback, Boolean.getBoolean("escape.test.feedback"));

    /** Runs of a site in one window of feedback's counts, in {@link #feedbackOptions()}. */
    public static final int FEEDBACK_SAMPLES = 50;
    /** The name of the speculation group of runtime feedback's cold materializations (see {@link Compiled#speculations}). */
    public static final String FEEDBACK_SPECULATION = "EscapeFeedbackColdMaterialization";
    /**
     * Runtime feedback on, windows of {@link #FEEDBACK_SAMPLES} runs, and the feedback monitor's
     * own thread (nearly) never polling: tests poll with {@code Feedback.pollNow()} when their
     * inputs change. The monitor's thread polls as often as the first instrumented compilation
     * of the VM says, so every library-mode test of feedback uses these.
     */
    private static final OptionValues FEEDBACK_OPTIONS = new OptionValues(OPTIONS, EscapeOptions.EscapeFeedback, true, EscapeOptions.EscapeFeedbackSamples, FEEDBACK_SAMPLES,
                    EscapeOptions.EscapeFeedbackPeriod, Integer.MAX_VALUE);

    private GraalHarness() {
    }

    /** The options of library-mode tests of runtime feedback (see {@link #FEEDBACK_OPTIONS}). */
    public static OptionValues feedbackOptions() {
        return FEEDBACK_OPTIONS;
    }

    /** Live nodes of each class in {@code graph}, by simple class name. */
    private static Map<String, Integer> nodeClasses(StructuredGraph graph) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : graph.getNodes()) {
            counts.merge(n.getClass().getSimpleName(), 1, Integer::sum);
        }
        return counts;
    }

    /** Compiles the static method {@code name} of {@code owner} (the only one of that name). */
    public static Compiled compile(Class<?> owner, String name, Slot slot) {
        Method[] matches = Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers())).toArray(Method[]::new);
        if (matches.length != 1) {
            throw new IllegalArgumentException(owner.getName() + " has " + matches.length + " static methods named " + name);
        }
        return compile(matches[0], slot);
    }

    public static Compiled compile(Method method, Slot slot) {
        return compile(method, slot, UnaryOperator.identity(), OPTIONS);
    }

    /** As {@link #compile(Method, Slot)}, with the slot's analysis wrapped (e.g. to time it). */
    public static Compiled compile(Method method, Slot slot, UnaryOperator<EscapeAnalysis> wrap) {
        return compile(method, slot, wrap, OPTIONS);
    }

    /** The options compilations use by default, to derive others from (e.g. escape's dump path). */
    public static OptionValues options() {
        return OPTIONS;
    }

    /** As {@link #compile(Method, Slot)}, with {@code options} for the graph and its debug context (the suites keep the default options). */
    public static Compiled compile(Method method, Slot slot, OptionValues options) {
        return compile(method, slot, UnaryOperator.identity(), options);
    }

    /** With the slot's analysis wrapped and {@code options} for the graph (e.g. to time it under escape's limits). */
    public static Compiled compile(Method method, Slot slot, UnaryOperator<EscapeAnalysis> wrap, OptionValues options) {
        return compile(method, slot, wrap, options, null, suites -> {
        });
    }

    /**
     * With the profiles {@code profiles} gives (null: the live ones). Two compilations that share
     * one {@link StableProfileProvider} see the same profile of every method, however the program
     * runs in between: a JDK method's live profile keeps changing while the tests run.
     */
    public static Compiled compile(Method method, Slot slot, ProfileProvider profiles) {
        return compile(method, slot, UnaryOperator.identity(), OPTIONS, profiles, suites -> {
        });
    }

    /** With {@code profiles} and the default suites (the slot's analysis in place) changed by {@code tiers}, e.g. another inlining policy. */
    public static Compiled compileWithTiers(Method method, Slot slot, ProfileProvider profiles, Consumer<Suites> tiers) {
        return compile(method, slot, UnaryOperator.identity(), OPTIONS, profiles, tiers);
    }

    /**
     * As HotSpot's JIT compiles with Graal ({@code HotSpotGraalCompiler}): with the method's own
     * speculation log, whose failed speculations HotSpot keeps with the method's profile across
     * compilations (the other overloads give each compilation a new log, so no compilation sees
     * what earlier code's speculations did). For tests of runtime feedback; {@code options} turn it
     * on, {@code tiers} may change the suites as in {@link #compileWithTiers}.
     */
    public static Compiled compileSpeculating(Method method, Slot slot, OptionValues options, Consumer<Suites> tiers) {
        return compile(method, slot, UnaryOperator.identity(), options, null, tiers, true);
    }

    /**
     * Makes HotSpot profile {@code method} from now on, in the interpreter too: creates its
     * MethodData (JVMCI's only way is asking for the failed speculations it keeps there). Otherwise
     * the interpreter profiles nothing until a tier of HotSpot's JIT creates it, and branches
     * look taken half the time to Graal.
     */
    public static void startProfiling(Method method) {
        ResolvedJavaMethod resolved = BACKEND.getProviders().getMetaAccess().lookupJavaMethod(method);
        resolved.getSpeculationLog();
        // Only the interpreter runs it from now on: its profile is then every call's (code that
        // HotSpot compiled at a tier that gathers no profile would leave it as it was).
        ((HotSpotResolvedJavaMethod) resolved).setNotInlinableOrCompilable();
    }

    /** As {@link #compileSpeculating(Method, Slot, OptionValues, Consumer)} with the default suites. */
    public static Compiled compileSpeculating(Method method, Slot slot, OptionValues options) {
        return compileSpeculating(method, slot, options, suites -> {
        });
    }

    private static Compiled compile(Method method, Slot slot, UnaryOperator<EscapeAnalysis> wrap, OptionValues options, ProfileProvider profiles, Consumer<Suites> tiers) {
        return compile(method, slot, wrap, options, profiles, tiers, false);
    }

    /** The reasons of the speculative deoptimizations (guards included) in {@code graph}. */
    private static List<String> speculations(StructuredGraph graph) {
        List<String> reasons = new ArrayList<>();
        for (Node n : graph.getNodes()) {
            if (n instanceof StaticDeoptimizingNode d && d.getSpeculation() != null && !d.getSpeculation().equals(SpeculationLog.NO_SPECULATION)) {
                reasons.add(String.valueOf(d.getSpeculation().getReason()));
            }
        }
        return reasons;
    }

    private static Compiled compile(Method method, Slot slot, UnaryOperator<EscapeAnalysis> wrap, OptionValues options, ProfileProvider profiles, Consumer<Suites> tiers, boolean methodLog) {
        method.trySetAccessible(); // a method of a package not opened to us (e.g. javac's) still compiles; it cannot be run by reflection
        ResolvedJavaMethod resolved = BACKEND.getProviders().getMetaAccess().lookupJavaMethod(method);
        AtomicReference<CompilationRecord> record = new AtomicReference<>();
        AtomicReference<List<String>> speculations = new AtomicReference<>(List.of());
        EscapeAnalysis analysis = wrap.apply(slot.analysis(OPTIONS)).followedBy((graph, context, outcome) -> speculations.set(speculations(graph)));
        EscapePhase phase = new EscapePhase(analysis, null, record::set, () -> {
        });
        Suites suites = BACKEND.getSuites().getDefaultSuites(OPTIONS, BACKEND.getTarget().arch).copy();
        if (!suites.getHighTier().replacePhase(FinalPartialEscapePhase.class, phase)) {
            throw new IllegalStateException("the high tier has no final partial escape phase: " + suites.getHighTier());
        }
        tiers.accept(suites);
        CompilationIdentifier id = BACKEND.getCompilationIdentifier(resolved);
        DebugContext debug = new DebugContext.Builder(options).build();
        StructuredGraph.Builder builder = new StructuredGraph.Builder(options, debug, AllowAssumptions.YES);
        if (profiles != null) {
            builder.profileProvider(profiles);
        }
        SpeculationLog log;
        if (methodLog) {
            log = resolved.getSpeculationLog();
            log.collectFailedSpeculations();
        } else {
            log = BACKEND.getProviders().getCodeCache().createSpeculationLog();
        }
        StructuredGraph graph = builder
                        .method(resolved)
                        .compilationId(id)
                        .speculationLog(log)
                        .trackNodeSourcePosition(TRACK_POSITIONS)
                        .build();
        CompilationResult result = COMPILER.compile(graph, false, false, true, id, debug, suites);
        InstalledCode code = BACKEND.createInstalledCode(debug, resolved, result, null, false);
        if (record.get() == null) {
            throw new IllegalStateException("the escape phase did not run for " + method);
        }
        return new Compiled(method, slot, record.get(), code, graph.getNodeCount(), nodeClasses(graph), speculations.get());
    }
}
