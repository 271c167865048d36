package dev.escape.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jdk.graal.compiler.debug.CounterKey;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.Position;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.IfNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.WithExceptionNode;
import jdk.graal.compiler.nodes.util.GraphUtil;

/**
 * An ordered list of {@link Effect}s, each named for the debug log ({@code -Djdk.graal.Log=EscapeAnalysis:5})
 * and counted ({@code -Djdk.graal.Count=}), with the graph edits escape analysis needs. Nodes that the
 * analysis created are added to the graph when the effect that first needs them is applied,
 * keeping their identity (never value-numbered into another node), because the analysis may refer
 * to the same instance from several effects.
 */
final class Effects {
    /** An effect with what it does and to what, as the debug log and the counters name it. */
    private record Named(String name, Object subject, Effect effect) {
        @Override
        public String toString() {
            return name + " " + subject;
        }
    }

    /** One debug counter per kind of effect ({@code -Djdk.graal.Count=}), created once. */
    private static final Map<String, CounterKey> COUNTERS = new ConcurrentHashMap<>();

    private final List<Named> effects = new ArrayList<>();
    /** Branches to remove, after every other effect of the graph (removing an end renumbers phi inputs). */
    private final List<Named> branchKills = new ArrayList<>();
    /** Removals of the exception paths that removed nodes left without a predecessor, after the branch kills. */
    private final List<Named> detachedPaths = new ArrayList<>();
    /** Deletions of nodes whose last usages go in later effects, applied after the branch kills. */
    private final List<Named> lateDeletes = new ArrayList<>();

    boolean isEmpty() {
        return effects.isEmpty() && branchKills.isEmpty() && lateDeletes.isEmpty();
    }

    void clear() {
        effects.clear();
        branchKills.clear();
        detachedPaths.clear();
        lateDeletes.clear();
    }

    /** Adds {@code effect}, which does {@code name} to {@code subject} (a node, usually). */
    void add(String name, Object subject, Effect effect) {
        effects.add(new Named(name, subject, effect));
    }

    void forEach(Consumer<Effect> action) {
        for (Named e : effects) {
            action.accept(e.effect());
        }
    }

    void apply(StructuredGraph graph) {
        applyAll(graph, effects);
    }

    /** Applies {@code list} in order, each logged (at the very detailed level of the EscapeAnalysis scope) and counted. */
    private static void applyAll(StructuredGraph graph, List<Named> list) {
        DebugContext debug = graph.getDebug();
        for (Named e : list) {
            debug.log(DebugContext.VERY_DETAILED_LEVEL, "effect: %s", e);
            e.effect().apply(graph);
            counter(e.name()).increment(debug);
        }
    }

    private static CounterKey counter(String name) {
        CounterKey counter = COUNTERS.get(name);
        if (counter == null) {
            CounterKey created = DebugContext.counter("EscapeEffect_" + name.replace(' ', '_'));
            CounterKey raced = COUNTERS.putIfAbsent(name, created);
            counter = raced != null ? raced : created;
        }
        return counter;
    }

    /**
     * True, and logged, if {@code node} is no longer in the graph: an earlier effect removed the
     * code it was on, so an effect about it has nothing left to do.
     */
    static boolean gone(StructuredGraph graph, Node node) {
        if (node.isAlive()) {
            return false;
        }
        graph.getDebug().log(DebugContext.DETAILED_LEVEL, "effect skipped: %s was removed", node);
        return true;
    }

    /**
     * Removes the successor of {@code branch} that its condition, decided by the fields of virtual
     * objects, never takes ({@code condition} is the value it always has), with the code only that
     * successor reaches. Applied by {@link #applyBranchKills} once all other effects are.
     */
    void killBranch(IfNode branch, boolean condition) {
        branchKills.add(new Named("kill branch", branch, graph -> {
            if (!gone(graph, branch)) {
                graph.removeSplitPropagate(branch, branch.getSuccessor(condition));
            }
        }));
    }

    void applyBranchKills(StructuredGraph graph) {
        applyAll(graph, branchKills);
    }

    /** Applied last, once every other effect (branch kills included) of every block and loop is. */
    void applyLateDeletes(StructuredGraph graph) {
        applyAll(graph, detachedPaths);
        applyAll(graph, lateDeletes);
    }

    static <T extends Node> T alive(StructuredGraph graph, T node) {
        if (node == null || node.isAlive()) {
            return node;
        }
        return graph.addWithoutUniqueWithInputs(node);
    }

    void addFloating(ValueNode node) {
        add("add floating", node, graph -> alive(graph, node));
    }

    /** Inserts {@code node} (not yet in the graph) just before {@code position}. */
    void addFixedBefore(FixedNode position, FixedWithNextNode node) {
        add("add fixed", node, graph -> {
            if (gone(graph, position) || node.isAlive()) {
                return; // on a path an earlier effect removed, or already placed (ensureAdded)
            }
            for (Node input : node.inputs()) {
                alive(graph, input);
            }
            graph.addBeforeFixed(position, graph.addWithoutUnique(node));
        });
    }

    /** Removes {@code node}, whose usages now see {@code replacement} (null: it has none left that matter). */
    void replaceAndDelete(ValueNode node, ValueNode replacement) {
        add("replace and delete", node, graph -> {
            if (gone(graph, node)) {
                return;
            }
            if (replacement != null) {
                alive(graph, replacement);
                replaceWhereAccepted(node, replacement);
            }
            if (node instanceof WithExceptionNode withException) {
                // Without the node nothing can throw here: the normal successor takes its place. The
                // exception path, now unreachable, is removed after all effects (killing it here
                // would disturb merges later effects and phis still refer to).
                // Dead code elimination would not remove it if it reaches a merge: a merge's ends are
                // its inputs, so the dead end and the phi inputs it feeds stay marked as used.
                AbstractBeginNode exceptionPath = withException.exceptionEdge();
                detachedPaths.add(new Named("kill detached exception path", exceptionPath, g -> {
                    if (!gone(g, exceptionPath) && exceptionPath.predecessor() == null) {
                        GraphUtil.killCFG(exceptionPath);
                    }
                }));
                withException.setExceptionEdge(null);
                AbstractBeginNode next = withException.next();
                withException.setNext(null);
                withException.replaceAtPredecessor(next);
            } else if (node instanceof FixedWithNextNode fixed) {
                GraphUtil.unlinkFixedNode(fixed);
            }
            if (!node.hasNoUsages()) {
                // Usages whose input takes only the node's own class (Truffle's frame accesses take a
                // NewFrameNode, not the virtual frame): the analysis removes them too, in later
                // effects or with a dead branch, as Graal's phase does; the node goes after them.
                lateDeletes.add(new Named("delete after its usages", node, g -> {
                    if (!gone(g, node)) {
                        if (!node.hasNoUsages()) {
                            throw new IllegalStateException("escape: deleting " + node + " that still has usages " + node.usages().snapshot());
                        }
                        node.safeDelete();
                    }
                }));
                return;
            }
            // Inputs that become unused are left to dead code elimination: later effects may still need them.
            node.safeDelete();
        });
    }

    /** Replaces {@code node} by {@code replacement} in every input of its usages whose declared type admits {@code replacement}. */
    private static void replaceWhereAccepted(ValueNode node, ValueNode replacement) {
        for (Node usage : node.usages().snapshot()) {
            for (Position p : usage.inputPositions()) {
                if (p.get(usage) == node && p.getType().isInstance(replacement)) {
                    p.set(usage, replacement);
                }
            }
        }
    }

    /** Replaces the input {@code old} of {@code user} (or what the graph has there by now) with {@code value}. */
    void replaceInput(Node user, ValueNode old, ValueNode replacedBy, ValueNode value) {
        add("replace input", user, graph -> {
            if (gone(graph, user)) {
                return;
            }
            alive(graph, value);
            for (Position p : user.inputPositions()) {
                Node in = p.get(user);
                if (in == old || (replacedBy != null && in == replacedBy)) {
                    p.set(user, value);
                }
            }
        });
    }
}
