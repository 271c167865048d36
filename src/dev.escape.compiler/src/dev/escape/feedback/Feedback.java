package dev.escape.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.escape.integration.EscapeOptions;
import dev.escape.truffle.TruffleNames;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.options.OptionValues;

/**
 * Runtime feedback, VM-wide: one {@link Unit} per compiled method (and OSR entry), the
 * {@link Monitor} that reads the counters, and the entry points the compiler calls. See the
 * package documentation for the whole loop.
 */
public final class Feedback {
    /**
     * Windows in a row in which every judged site was idle before the counters are dropped. A site
     * is idle in a window if it made nothing real (every materialization cold: the object is
     * virtual on every path that runs), or if it gave nothing to act on and no later window is
     * likely to ({@code Watched.settled}): its objects are made real where they meet other values
     * at merges, on paths that all run. Counting on would cost the hot path its increments (on tiny
     * loops, with the count carried through memory, half their speed; Functional.optionalChain,
     * 16%) for nothing.
     */
    public static final int IDLE_WINDOWS = 16;

    private static final Map<String, Unit> UNITS = new ConcurrentHashMap<>();
    private static volatile Monitor monitor;

    private Feedback() {
    }

    /** True if runtime feedback applies to compilations of {@code graph}: on, a host method, a speculation log to record speculations in. */
    static boolean appliesTo(StructuredGraph graph) {
        return EscapeOptions.EscapeFeedback.getValue(graph.getOptions()) && graph.method() != null && graph.getSpeculationLog() != null && TruffleNames.callTarget(graph) == null;
    }

    /**
     * Runtime feedback's part in this compilation of {@code graph}, or null if it takes none. A
     * method feedback knows nothing of yet gets a record of its own only once its code is
     * instrumented ({@link #watch}): most compiled methods never are.
     */
    public static FeedbackSession open(StructuredGraph graph, CoreProviders providers) {
        if (!appliesTo(graph)) {
            return null;
        }
        String name = unitName(graph);
        Unit unit = UNITS.get(name);
        return new FeedbackSession(unit != null ? unit : new Unit(name), graph, providers);
    }

    private static String unitName(StructuredGraph graph) {
        return graph.method().format("%H.%n(%p)") + (graph.isOSR() ? " (OSR at bci " + graph.getEntryBCI() + ")" : "");
    }

    /**
     * The calls feedback asks the compilation of {@code root} to inline: those where it found
     * objects made real on most runs of their site. Taken once per inlining phase.
     */
    public static Predicate<Invoke> callsToInline(StructuredGraph root) {
        Unit unit = UNITS.isEmpty() || !appliesTo(root) ? null : UNITS.get(unitName(root));
        Set<String> calls = unit == null ? Set.of() : unit.callsToInline();
        if (calls.isEmpty()) {
            return invoke -> false;
        }
        return invoke -> calls.contains(Anchor.call(invoke));
    }

    /**
     * Starts watching {@code sites}, the instrumented code of {@code unit}'s method, judged with the
     * thresholds of {@code options} (the monitor starts with the first, reading as often as its
     * options say). The method's record is {@code unit}, unless another compilation of it
     * registered one first.
     */
    static void watch(Unit unit, List<Watched> sites, OptionValues options) {
        Unit registered = UNITS.putIfAbsent(unit.name, unit);
        registered = registered != null ? registered : unit;
        registered.watch(sites);
        Monitor m = monitor;
        if (m == null) {
            synchronized (Feedback.class) {
                if (monitor == null) {
                    monitor = new Monitor(EscapeOptions.EscapeFeedbackPeriod.getValue(options));
                    monitor.start();
                }
                m = monitor;
            }
        }
        registered.thresholds(EscapeOptions.EscapeFeedbackSamples.getValue(options), EscapeOptions.EscapeFeedbackColdPerMillion.getValue(options),
                        EscapeOptions.EscapeFeedbackHotPerMillion.getValue(options));
        m.add(registered);
    }

    /** Reads every counter and judges every window now, as the monitor does periodically (for tests). */
    public static void pollNow() {
        Monitor m = monitor;
        if (m != null) {
            m.poll();
        }
    }

    /** What feedback did and counted, per method, for the report. */
    public static List<MethodFeedback> methods() {
        List<MethodFeedback> result = new ArrayList<>();
        for (Unit unit : UNITS.values()) {
            result.add(MethodFeedback.of(unit));
        }
        result.sort((a, b) -> a.method().compareTo(b.method()));
        return result;
    }

    /** Forgets every method (tests that compile the same method under other settings). */
    public static void reset() {
        UNITS.clear();
        Monitor m = monitor;
        if (m != null) {
            m.clear();
        }
    }
}
