package dev.escape.analysis;

import java.util.ArrayDeque;
import java.util.Deque;

import jdk.graal.compiler.core.common.cfg.CFGLoop;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.NodeMap;
import jdk.graal.compiler.graph.Position;
import jdk.graal.compiler.nodeinfo.InputType;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.GraphState.StageFlag;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ProxyNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.VirtualState;
import jdk.graal.compiler.nodes.cfg.ControlFlowGraph;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * While a graph keeps value proxies (the high tier), a value computed inside a loop is seen after
 * the loop only through a proxy at one of its exits. A use outside the loop without one passes
 * the canonicalizer but breaks loop transformations later (full unrolling kills the wrong nodes),
 * so the check looks for such uses among fixed nodes, phi inputs and proxies. A floating value
 * belongs to the innermost loop any of its inputs belongs to.
 */
final class LoopValues {
    private final ControlFlowGraph cfg;
    private final NodeMap<CFGLoop<HIRBlock>> loops;
    private final NodeMap<Boolean> done;

    private LoopValues(StructuredGraph graph) {
        this.cfg = ControlFlowGraph.newBuilder(graph).connectBlocks(true).computeLoops(true).build();
        this.loops = new NodeMap<>(graph);
        this.done = new NodeMap<>(graph);
    }

    /** The first use of a loop's value outside that loop without a proxy, or null. */
    static String unproxiedUse(StructuredGraph graph) {
        if (!graph.hasLoops() || graph.isAfterStage(StageFlag.VALUE_PROXY_REMOVAL)) {
            return null;
        }
        LoopValues check = new LoopValues(graph);
        for (Node node : graph.getNodes()) {
            String problem = check.uses(node);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String uses(Node node) {
        if (node instanceof FixedNode fixed) {
            CFGLoop<HIRBlock> at = loopAt(fixed);
            for (Position p : fixed.inputPositions()) {
                String problem = p.getInputType() == InputType.Value ? outside(p.get(fixed), at, node) : null;
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node instanceof ValuePhiNode phi) {
            AbstractMergeNode merge = phi.merge();
            for (int i = 0; i < phi.valueCount(); i++) {
                String problem = outside(phi.valueAt(i), loopAt(merge.phiPredecessorAt(i)), node);
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node instanceof ProxyNode proxy && proxy.proxyPoint() != null) {
            // A proxy reads its value at the end of the loop it leaves.
            return outside(proxy.value(), loopAt(proxy.proxyPoint().loopBegin()), node);
        }
        return null;
    }

    private String outside(Node value, CFGLoop<HIRBlock> at, Node user) {
        CFGLoop<HIRBlock> defined = value == null ? null : loopOf(value);
        if (defined == null || (at != null && at.isAncestorOrSelf(defined))) {
            return null;
        }
        return user + " uses " + value + " of " + defined + " outside that loop without a proxy";
    }

    private CFGLoop<HIRBlock> loopAt(FixedNode fixed) {
        HIRBlock block = cfg.blockFor(fixed);
        return block == null ? null : block.getLoop();
    }

    /** The innermost loop {@code value} is computed in (null: outside all loops). */
    private CFGLoop<HIRBlock> loopOf(Node value) {
        Deque<Node> work = new ArrayDeque<>();
        work.push(value);
        while (!work.isEmpty()) {
            Node n = work.peek();
            if (done.get(n) != null) {
                work.pop();
                continue;
            }
            if (placed(n)) {
                done.set(n, true);
                work.pop();
                continue;
            }
            boolean ready = true;
            for (Node input : n.inputs()) {
                if (done.get(input) == null) {
                    work.push(input);
                    ready = false;
                }
            }
            if (ready) {
                CFGLoop<HIRBlock> innermost = null;
                for (Node input : n.inputs()) {
                    CFGLoop<HIRBlock> l = loops.get(input);
                    if (l != null && (innermost == null || l.getDepth() > innermost.getDepth())) {
                        innermost = l;
                    }
                }
                loops.set(n, innermost);
                done.set(n, true);
                work.pop();
            }
        }
        return loops.get(value);
    }

    /** Sets the loop of nodes whose place does not depend on their inputs; false for other floating nodes. */
    private boolean placed(Node n) {
        if (n instanceof FixedNode fixed) {
            loops.set(n, loopAt(fixed));
        } else if (n instanceof PhiNode phi) {
            loops.set(n, loopAt(phi.merge()));
        } else if (n instanceof ProxyNode proxy) {
            loops.set(n, proxy.proxyPoint() == null ? null : loopAt(proxy.proxyPoint()));
        } else if (!(n instanceof VirtualState || n instanceof VirtualObjectNode)) {
            return false;
        }
        return true;
    }
}
