package dev.escape.analysis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.collections.EconomicSet;
import org.graalvm.collections.Equivalence;

import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.DeoptimizingNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.StateSplit;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.VirtualState;
import jdk.graal.compiler.nodes.virtual.AllocatedObjectNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;
import jdk.graal.compiler.nodes.virtual.EscapeObjectState;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * Checks, once the effects are applied, what later phases would otherwise fail on: virtual objects
 * are used only by virtual states, commits and allocated objects; every frame state a
 * deoptimization can use describes the virtual objects it names, and no state right after a node
 * describes an object with that node's value; fixed nodes are linked (no
 * successor missing, no path left without a predecessor); values
 * of a loop are used after it only through proxies ({@link LoopValues}). Returns what is wrong, or
 * null.
 */
public final class GraphCheck {
    private GraphCheck() {
    }

    public static String problem(StructuredGraph graph) {
        for (Node node : graph.getNodes()) {
            if (node instanceof FixedWithNextNode fixed && fixed.next() == null) {
                return "fixed node without successor: " + node;
            }
            if (node instanceof AbstractBeginNode begin && begin.predecessor() == null && !(begin instanceof AbstractMergeNode) && begin != graph.start()) {
                return "begin node without predecessor (a path left detached): " + node;
            }
            if (node instanceof StateSplit split && split.stateAfter() != null && describesWithOwnValue(split.stateAfter(), node)) {
                return "frame state " + split.stateAfter() + " of " + node + " describes a virtual object with the node's own value";
            }
            if (node instanceof VirtualObjectNode || node instanceof VirtualState || node instanceof CommitAllocationNode || node instanceof AllocatedObjectNode) {
                continue;
            }
            for (Node input : node.inputs()) {
                if (input instanceof VirtualObjectNode && (node instanceof FixedNode || node.hasUsages())) {
                    return "virtual object " + input + " used by " + node;
                }
            }
        }
        // Frame states a deoptimization can use: those of nodes that may deoptimize.
        Map<FrameState, Chain> chains = new IdentityHashMap<>();
        for (Node node : graph.getNodes()) {
            FrameState state = null;
            if (node instanceof DeoptimizingNode.DeoptBefore before && before.canDeoptimize()) {
                state = before.stateBefore();
            } else if (node instanceof DeoptimizingNode.DeoptDuring during && during.canDeoptimize()) {
                state = during.stateDuring();
            } else if (node instanceof DeoptimizingNode.DeoptAfter after && after.canDeoptimize()) {
                state = after.stateAfter();
            }
            Chain chain = state != null ? chainOf(state, chains) : null;
            if (chain != null && !chain.complete()) {
                return undescribed(state, node, chain);
            }
        }
        return LoopValues.unproxiedUse(graph);
    }

    /**
     * True if a description in {@code state}, the state right after {@code node}, has {@code node}'s
     * value in a field: no write can have put it there yet (the description is of a later point).
     */
    private static boolean describesWithOwnValue(FrameState state, Node node) {
        if (state.virtualObjectMappings() != null) {
            for (EscapeObjectState mapping : state.virtualObjectMappings()) {
                for (Node in : mapping.inputs()) {
                    if (in == node) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The virtual objects that a frame state and its outer states name, and those they describe.
     * Deoptimization reads the descriptions of the whole chain from the innermost state out, so a
     * chain is complete when every object it names is described somewhere on it. Kept per state:
     * the outer states of Truffle's chains, hundreds deep, are shared by every deoptimizing node.
     */
    private record Chain(EconomicSet<VirtualObjectNode> named, EconomicSet<VirtualObjectNode> described) {
        static final Chain NONE = new Chain(EconomicSet.create(Equivalence.IDENTITY), EconomicSet.create(Equivalence.IDENTITY));

        boolean complete() {
            for (VirtualObjectNode v : named) {
                if (!described.contains(v)) {
                    return false;
                }
            }
            return true;
        }

        /** This chain with an inner state that names and describes {@code fs}'s objects (this one if it has none). */
        Chain inner(FrameState fs) {
            EconomicSet<VirtualObjectNode> n = named;
            for (ValueNode value : fs.values()) {
                if (value instanceof VirtualObjectNode virtual && !n.contains(virtual)) {
                    n = n == named ? copy(named) : n;
                    n.add(virtual);
                }
            }
            EconomicSet<VirtualObjectNode> d = described;
            if (fs.virtualObjectMappings() != null) {
                for (EscapeObjectState mapping : fs.virtualObjectMappings()) {
                    if (!d.contains(mapping.object())) {
                        d = d == described ? copy(described) : d;
                        d.add(mapping.object());
                    }
                }
            }
            return n == named && d == described ? this : new Chain(n, d);
        }

        private static EconomicSet<VirtualObjectNode> copy(EconomicSet<VirtualObjectNode> set) {
            EconomicSet<VirtualObjectNode> copy = EconomicSet.create(Equivalence.IDENTITY);
            copy.addAll(set);
            return copy;
        }
    }

    /** The chain of {@code state}, with those of its outer states, built outermost first (no recursion: chains are deep). */
    private static Chain chainOf(FrameState state, Map<FrameState, Chain> chains) {
        List<FrameState> missing = new ArrayList<>();
        Chain chain = Chain.NONE;
        for (FrameState s = state; s != null; s = s.outerFrameState()) {
            Chain known = chains.get(s);
            if (known != null) {
                chain = known;
                break;
            }
            missing.add(s);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            chain = chain.inner(missing.get(i));
            chains.put(missing.get(i), chain);
        }
        return chain;
    }

    /** What is wrong with {@code chain}, the incomplete chain of {@code state}, the frame state of {@code node}. */
    private static String undescribed(FrameState state, Node node, Chain chain) {
        for (FrameState s = state; s != null; s = s.outerFrameState()) {
            for (ValueNode value : s.values()) {
                if (value instanceof VirtualObjectNode virtual && !chain.described().contains(virtual)) {
                    return "frame state " + s + " of " + node + " names " + virtual + " without describing it";
                }
            }
        }
        return "frame state " + state + " of " + node + " names a virtual object that its chain does not describe";
    }
}
