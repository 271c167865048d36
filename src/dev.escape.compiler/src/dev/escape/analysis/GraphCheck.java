package dev.escape.analysis;

import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.DeoptimizingNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.FrameState;
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
 * deoptimization can use describes the virtual objects it names; fixed nodes are linked (no
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
        for (Node node : graph.getNodes()) {
            FrameState state = null;
            if (node instanceof DeoptimizingNode.DeoptBefore before && before.canDeoptimize()) {
                state = before.stateBefore();
            } else if (node instanceof DeoptimizingNode.DeoptDuring during && during.canDeoptimize()) {
                state = during.stateDuring();
            } else if (node instanceof DeoptimizingNode.DeoptAfter after && after.canDeoptimize()) {
                state = after.stateAfter();
            }
            for (FrameState s = state; s != null; s = s.outerFrameState()) {
                for (ValueNode value : s.values()) {
                    if (value instanceof VirtualObjectNode virtual && !described(state, virtual)) {
                        return "frame state " + s + " of " + node + " names " + virtual + " without describing it";
                    }
                }
            }
        }
        return LoopValues.unproxiedUse(graph);
    }

    /** Deoptimization reads the descriptions of the whole chain from the innermost state out. */
    private static boolean described(FrameState innermost, VirtualObjectNode virtual) {
        for (FrameState s = innermost; s != null; s = s.outerFrameState()) {
            if (s.virtualObjectMappings() != null) {
                for (EscapeObjectState mapping : s.virtualObjectMappings()) {
                    if (mapping.object() == virtual) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
