package dev.escape.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 * An ordered list of {@link Effect}s, with the graph edits escape analysis needs. Nodes that the
 * analysis created are added to the graph when the effect that first needs them is applied,
 * keeping their identity (never value-numbered into another node), because the analysis may refer
 * to the same instance from several effects.
 */
final class Effects {
    private final List<Effect> effects = new ArrayList<>();
    /** Branches to remove, after every other effect of the graph (removing an end renumbers phi inputs). */
    private final List<Effect> branchKills = new ArrayList<>();
    /** Deletions of nodes whose last usages go in later effects, applied after the branch kills. */
    private final List<Effect> lateDeletes = new ArrayList<>();

    boolean isEmpty() {
        return effects.isEmpty() && branchKills.isEmpty() && lateDeletes.isEmpty();
    }

    void clear() {
        effects.clear();
        branchKills.clear();
        lateDeletes.clear();
    }

    void add(Effect effect) {
        effects.add(effect);
    }

    void forEach(Consumer<Effect> action) {
        effects.forEach(action);
    }

    void apply(StructuredGraph graph) {
        for (Effect e : effects) {
            e.apply(graph);
        }
    }

    /**
     * Removes the successor of {@code branch} that its condition, decided by the fields of virtual
     * objects, never takes ({@code condition} is the value it always has), with the code only that
     * successor reaches. Applied by {@link #applyBranchKills} once all other effects are.
     */
    void killBranch(IfNode branch, boolean condition) {
        branchKills.add(graph -> {
            if (branch.isAlive()) {
                graph.removeSplitPropagate(branch, branch.getSuccessor(condition));
            }
        });
    }

    void applyBranchKills(StructuredGraph graph) {
        for (Effect e : branchKills) {
            e.apply(graph);
        }
    }

    /** Applied last, once every other effect (branch kills included) of every block and loop is. */
    void applyLateDeletes(StructuredGraph graph) {
        for (Effect e : lateDeletes) {
            e.apply(graph);
        }
    }

    static <T extends Node> T alive(StructuredGraph graph, T node) {
        if (node == null || node.isAlive()) {
            return node;
        }
        return graph.addWithoutUniqueWithInputs(node);
    }

    void addFloating(ValueNode node) {
        add(graph -> alive(graph, node));
    }

    /** Inserts {@code node} (not yet in the graph) just before {@code position}. */
    void addFixedBefore(FixedNode position, FixedWithNextNode node) {
        add(graph -> {
            if (!position.isAlive() || node.isAlive()) {
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
        add(graph -> {
            if (!node.isAlive()) {
                return;
            }
            if (replacement != null) {
                alive(graph, replacement);
                replaceWhereAccepted(node, replacement);
            }
            if (node instanceof WithExceptionNode withException) {
                // Without the node nothing can throw here: the normal successor takes its place. The
                // exception path, now unreachable, is left to dead code elimination after all effects
                // (killing it here would disturb merges later effects and phis still refer to).
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
                lateDeletes.add(g -> {
                    if (node.isAlive()) {
                        if (!node.hasNoUsages()) {
                            throw new IllegalStateException("escape: deleting " + node + " that still has usages " + node.usages().snapshot());
                        }
                        node.safeDelete();
                    }
                });
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
        add(graph -> {
            if (!user.isAlive()) {
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
