package dev.escape.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final Map<String, Unit> UNITS = new ConcurrentHashMap<>();
    private static volatile Monitor monitor;

    private Feedback() {
    }

    /** True if runtime feedback applies to compilations of {@code graph}: on, a host method, a speculation log to record speculations in. */
    static boolean appliesTo(StructuredGraph graph) {
        return EscapeOptions.EscapeFeedback.getValue(graph.getOptions()) && graph.method() != null && graph.getSpeculationLog() != null && TruffleNames.callTarget(graph) == null;
    }

    /** Runtime feedback's part in this compilation of {@code graph}, or null if it takes none. */
    public static FeedbackSession open(StructuredGraph graph, CoreProviders providers) {
        if (!appliesTo(graph)) {
            return null;
        }
        return new FeedbackSession(unitOf(graph), graph, providers);
    }

    private static Unit unitOf(StructuredGraph graph) {
        String name = graph.method().format("%H.%n(%p)") + (graph.isOSR() ? " (OSR at bci " + graph.getEntryBCI() + ")" : "");
        return UNITS.computeIfAbsent(name, Unit::new);
    }

    /**
     * True if feedback found objects made real at {@code invoke} on most runs of their site and
     * asks for the call to be inlined in the compilation of {@code root}.
     */
    public static boolean inlines(StructuredGraph root, Invoke invoke) {
        if (UNITS.isEmpty() || !appliesTo(root)) {
            return false;
        }
        Unit unit = UNITS.get(unitOf(root).name);
        String call = Anchor.call(invoke);
        return unit != null && call != null && unit.inlines(call);
    }

    /** Starts watching {@code unit}'s counters (the monitor starts with the first unit). */
    static void watch(Unit unit, OptionValues options) {
        Monitor m = monitor;
        if (m == null) {
            synchronized (Feedback.class) {
                if (monitor == null) {
                    monitor = new Monitor(EscapeOptions.EscapeFeedbackPeriod.getValue(options), EscapeOptions.EscapeFeedbackSamples.getValue(options),
                                    EscapeOptions.EscapeFeedbackColdPerMillion.getValue(options), EscapeOptions.EscapeFeedbackHotPerMillion.getValue(options));
                    monitor.start();
                }
                m = monitor;
            }
        }
        m.add(unit);
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
