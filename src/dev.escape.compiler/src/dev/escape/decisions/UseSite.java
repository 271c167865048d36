package dev.escape.decisions;

import java.util.List;

import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.NodeSourcePosition;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.ReturnNode;
import jdk.graal.compiler.nodes.UnwindNode;
import jdk.graal.compiler.nodes.java.AbstractCompareAndSwapNode;
import jdk.graal.compiler.nodes.java.MonitorEnterNode;
import jdk.graal.compiler.nodes.java.StoreFieldNode;
import jdk.graal.compiler.nodes.java.StoreIndexedNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;

/**
 * The node a materialization was placed for. Escape analyses put a commit immediately before
 * the first node that needs the real object, so the next fixed node with a real bytecode position
 * is where, and usually why, the object escaped.
 *
 * @param at the use's position, innermost frame first (empty if none was found)
 * @param use what the node does, e.g. {@code call Demo.log(Demo$Box)}
 */
public record UseSite(List<Frame> at, String use) {

    /** How far past a commit to look for the node it serves (other commits, begin nodes). */
    private static final int LOOKAHEAD = 8;

    static UseSite after(CommitAllocationNode commit) {
        FixedNode node = commit;
        FixedNode firstOther = null;
        for (int i = 0; i < LOOKAHEAD && node != null; i++) {
            if (!(node instanceof CommitAllocationNode)) {
                if (describe(node) != null) {
                    return new UseSite(AllocationSite.frames(realPosition(node)), describe(node));
                }
                if (firstOther == null) {
                    firstOther = node;
                }
            }
            node = node instanceof FixedWithNextNode f ? f.next() : null;
        }
        String use = firstOther == null ? null : firstOther.getClass().getSimpleName().replaceFirst("Node$", "");
        return new UseSite(AllocationSite.frames(nearestPosition(commit)), use);
    }

    /** The commit's own position, else that of the closest fixed node before it that has one. */
    private static NodeSourcePosition nearestPosition(FixedNode from) {
        for (Node node = from; node != null; node = node.predecessor()) {
            NodeSourcePosition p = realPosition(node);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** What a node that makes objects escape does, or null for nodes that do not. */
    static String describe(Node node) {
        return switch (node) {
            case Invoke invoke -> "call " + invoke.callTarget().targetMethod().format("%h.%n(%p)");
            case StoreFieldNode store -> (store.isStatic() ? "store to static " : "store to field ") + store.field().format("%h.%n");
            case StoreIndexedNode store -> "store into an array";
            case ReturnNode ret -> "return";
            case UnwindNode unwind -> "throw";
            case MonitorEnterNode enter -> "monitorenter";
            case AbstractCompareAndSwapNode cas -> "compare-and-swap";
            default -> null;
        };
    }

    private static NodeSourcePosition realPosition(Node node) {
        NodeSourcePosition p = node.getNodeSourcePosition();
        return p == null || p.isPlaceholder() ? null : p;
    }
}
