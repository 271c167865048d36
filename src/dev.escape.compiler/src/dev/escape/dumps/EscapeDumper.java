package dev.escape.dumps;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.graalvm.collections.UnmodifiableMapCursor;

import dev.escape.decisions.CompilationRecord;
import dev.escape.integration.EscapeOptions;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.graph.Graph;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graphio.GraphOutput;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.vm.ci.meta.SpeculationLog.SpeculationReason;

/**
 * Writes one BGV file per compilation, for IGV: a group with the graph before and after the
 * escape phase, where allocation-related nodes carry {@code escape.decision},
 * {@code escape.reason} and {@code escape.site}, and the speculative deoptimizations of runtime
 * feedback {@code escape.feedback}. The before-graph is a copy taken when the phase
 * starts and written with the original node ids once the decisions are known, so a fully
 * eliminated allocation (which leaves no node after) shows its decision there.
 * <p>
 * Stateless: concurrent compilations each write their own file. Enabled by
 * {@code -Djdk.graal.EscapeDumpPath=DIR}.
 */
public final class EscapeDumper {
    static final String BEFORE = "Before escape analysis";
    static final String AFTER = "After escape analysis";
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /**
     * The dump files this VM wrote: a compilation can record more than once (a Truffle
     * compilation once per call target in partial evaluation's slot, and once after inlining),
     * so a name already taken gets {@code -2}, {@code -3}, ... (files of an earlier run are replaced).
     */
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

    /** The graph as the phase found it, with the ids of the original nodes. */
    public record Before(Path dir, StructuredGraph copy, Map<Node, Integer> originalIds) {
    }

    private EscapeDumper() {
    }

    /** Copies {@code graph} if dumps are enabled; returns null (nothing to do later) otherwise or if the copy fails. */
    public static Before before(StructuredGraph graph) {
        String dir = EscapeOptions.EscapeDumpPath.getValue(graph.getOptions());
        if (dir == null) {
            return null;
        }
        Map<Node, Integer> ids = new IdentityHashMap<>();
        try {
            StructuredGraph copy = graph.copy(graph.name, duplicates -> {
                UnmodifiableMapCursor<Node, Node> c = duplicates.getEntries();
                while (c.advance()) {
                    ids.put(c.getValue(), c.getKey().getId());
                }
            }, DebugContext.disabled(graph.getOptions()), graph.getOptions());
            return new Before(Path.of(dir), copy, ids);
        } catch (RuntimeException e) {
            warnOnce("cannot copy the graph of " + graph + " for the dump: " + e);
            return null;
        }
    }

    /**
     * Writes the dump of this compilation; does nothing when {@code before} is null. Never fails the
     * compilation. The speculative deoptimizations of runtime feedback, found by their speculation's
     * reason in {@code feedbackGuards}, carry {@code escape.feedback} with the text given there.
     */
    public static void after(Before before, StructuredGraph graph, CompilationRecord record, Map<SpeculationReason, String> feedbackGuards) {
        if (before == null) {
            return;
        }
        Path file = before.dir().resolve(unique(fileName(record)));
        try {
            write(file, before, graph, record, feedbackGuards);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            warnOnce("cannot write the dump " + file + ": " + e);
        }
    }

    /** Dumps are a debugging aid: one line on stderr, once per VM, and the compilation goes on. */
    private static void warnOnce(String message) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("escape: " + message);
        }
    }

    /** A half-written file would make IGV report a corrupt dump. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The warning about the dump is printed anyway.
        }
    }

    private static String unique(String name) {
        String base = name.substring(0, name.length() - ".bgv".length());
        String candidate = name;
        for (int n = 2; !WRITTEN.add(candidate); n++) {
            candidate = base + "-" + n + ".bgv";
        }
        return candidate;
    }

    /** {@code escape-<compilation id>-<Class.method>.bgv}, with characters unsafe in file names replaced. */
    static String fileName(CompilationRecord record) {
        String method = record.method();
        int paren = method.indexOf('(');
        String name = "escape-" + record.compilationId() + "-" + (paren < 0 ? method : method.substring(0, paren));
        return name.replaceAll("[^A-Za-z0-9._$-]", "_") + ".bgv";
    }

    private static void write(Path file, Before before, StructuredGraph graph, CompilationRecord record, Map<SpeculationReason, String> feedbackGuards) throws IOException {
        DecisionProperties decisions = new DecisionProperties(record, feedbackGuards);
        GraalGraphStructure structure = new GraalGraphStructure();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                        GraphOutput<Graph, ?> out = GraphOutput.newBuilder(structure).protocolVersion(7, 0).build(channel)) {
            print(out, structure, before, graph, record, decisions);
        }
    }

    private static <M> void print(GraphOutput<Graph, M> out, GraalGraphStructure structure, Before before, StructuredGraph graph, CompilationRecord record,
                    DecisionProperties decisions) throws IOException {
        Map<String, Object> groupProperties = new LinkedHashMap<>(Map.of("method", record.method(), "compilationId", record.compilationId(), "analysis", record.analysis()));
        if (record.feedback() != null) {
            groupProperties.put(DecisionProperties.FEEDBACK, "feedback recompilation #" + record.feedback().recompile() + " of " + record.feedback().method());
        }
        out.beginGroup(graph, "escape: " + record.method(), record.method(), null, 0, groupProperties);
        structure.prepare(before.originalIds(), decisions::of);
        out.print(before.copy(), Map.of("escape.analysis", record.analysis()), 0, BEFORE);
        structure.prepare(Map.of(), decisions::of);
        out.print(graph, Map.of("escape.analysis", record.analysis()), 1, AFTER);
        out.endGroup();
    }
}
