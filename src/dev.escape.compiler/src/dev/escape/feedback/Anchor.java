package dev.escape.feedback;

import dev.escape.analysis.Decisions.Placed;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.NodeSourcePosition;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.vm.ci.code.BytecodePosition;
import jdk.vm.ci.meta.ResolvedJavaMethod;

/**
 * Names a place in a graph so that a later compilation of the same method finds the same place:
 * the chain of bytecode positions (innermost first, through inlined calls) of the node's source
 * position, or, when the graph does not track source positions (the JIT's default), of the last
 * frame state before it. Both are read the same way in every compilation of a VM, so equal code
 * gets equal names; two places that share a name share a counter, which only makes feedback more
 * cautious.
 */
final class Anchor {
    private Anchor() {
    }

    /** The name of {@code node}'s place, or null if it has neither a source position nor a frame state before it. */
    static String of(Node node) {
        NodeSourcePosition position = node.getNodeSourcePosition();
        if (position != null && !position.isPlaceholder()) {
            return chain(position);
        }
        if (node instanceof FixedNode fixed && fixed.graph() != null) {
            FrameState state = GraphUtil.findLastFrameState(fixed);
            if (state != null) {
                StringBuilder sb = new StringBuilder("after ");
                for (FrameState s = state; s != null; s = s.outerFrameState()) {
                    sb.append(s == state ? "" : " <- ").append(frame(s.getMethod(), s.bci));
                }
                return sb.toString();
            }
        }
        return null;
    }

    /**
     * The innermost frame of {@code invoke} with its callee ({@code A.m()@12 -> B.n()}): the same
     * while the invoke waits in a callee's graph to be inlined and after that graph is inlined.
     */
    static String call(Invoke invoke) {
        FrameState state = invoke.stateAfter();
        ResolvedJavaMethod caller = state != null ? state.getMethod() : invoke.asNode().graph().method();
        if (caller == null || invoke.callTarget() == null) {
            return null;
        }
        return frame(caller, invoke.bci()) + " -> " + invoke.callTarget().targetMethod().format("%H.%n(%p)");
    }

    private static String chain(BytecodePosition position) {
        StringBuilder sb = new StringBuilder();
        for (BytecodePosition p = position; p != null; p = p.getCaller()) {
            sb.append(p == position ? "" : " <- ").append(frame(p.getMethod(), p.getBCI()));
        }
        return sb.toString();
    }

    private static String frame(ResolvedJavaMethod method, int bci) {
        return method.format("%H.%n(%p)") + "@" + bci;
    }

    /** Names an allocation site across compilations: its type and the place of its allocation. */
    static String site(Placed p) {
        Node creator = p.creator();
        String at = creator != null && creator.isAlive() ? Anchor.of(creator) : null;
        return at == null ? null : p.site().type() + " at " + at;
    }

    /** Names a materialization across compilations: its site, cause and place. */
    static String materialization(Placed p) {
        String site = site(p);
        String at = site != null && p.position().isAlive() ? Anchor.of(p.position()) : null;
        return at == null ? null : site + " | " + p.materialization().cause() + " | " + p.position().getClass().getSimpleName() + " " + at;
    }
}
