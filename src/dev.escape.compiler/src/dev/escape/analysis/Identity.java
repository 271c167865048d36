package dev.escape.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ProxyNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.graal.compiler.nodes.virtual.EscapeObjectState;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * When may virtual objects that meet at a phi become one new virtual object? Only when nothing
 * after the merge can tell them apart from it: no node (and no frame state, which a deopt would
 * turn into an object of its own) past the merge uses an input object other than through the phi,
 * the objects have the same shape, hold no locks, and no other virtual object points to them.
 * ({@link Merges#mergeable} lets objects without identity meet with fewer conditions.)
 */
final class Identity {
    private final Analysis analysis;

    Identity(Analysis analysis) {
        this.analysis = analysis;
    }

    static boolean sameShape(VirtualObjectNode a, VirtualObjectNode b) {
        return a.getClass() == b.getClass() && a.type().equals(b.type()) && a.entryCount() == b.entryCount();
    }

    /**
     * Whether {@code object} may meet other objects at {@code phi} as one new virtual object
     * (the inputs themselves stay as they are). An object without identity (a box, a Truffle value
     * type) may, wherever else it is used: two with equal fields cannot be told apart (comparisons
     * compare their values), as in Graal's phase. Any other must be {@link #onlyThroughPhi}.
     */
    boolean mayMeetAt(VirtualObjectNode object, BlockState state, PhiNode phi, HIRBlock merge, boolean backEdge) {
        if (!object.hasIdentity()) {
            ObjectState s = state.get(object);
            return s != null && s.isVirtual() && !s.hasLocks() && !s.ensureVirtualized();
        }
        return onlyThroughPhi(object, state, phi, merge, backEdge);
    }

    /**
     * True if {@code object} is a fresh value that only {@code phi} carries past {@code merge}.
     * An object coming around a loop's back edge is allocated anew in every iteration, so only the
     * structural conditions apply to it ({@code backEdge}): its other uses are all in the iteration
     * that allocated it.
     */
    boolean onlyThroughPhi(VirtualObjectNode object, BlockState state, PhiNode phi, HIRBlock merge, boolean backEdge) {
        return onlyThrough(object, state, phi, 0, merge, backEdge, false);
    }

    /**
     * As {@link #onlyThroughPhi}, for an object that the one field of a virtual object that
     * differs between the predecessors carries past the merge (or around a back edge).
     */
    boolean onlyThroughField(VirtualObjectNode object, BlockState state, HIRBlock merge, boolean backEdge) {
        return onlyThrough(object, state, null, 1, merge, backEdge, false);
    }

    /**
     * As {@link #onlyThroughField}, for the object a field holds when entering loop {@code header}:
     * nodes inside the loop that stand for it read it through that field in the current round
     * of the loop's analysis.
     */
    boolean onlyThroughFieldIntoLoop(VirtualObjectNode object, BlockState entry, HIRBlock header) {
        return onlyThrough(object, entry, null, 1, header, false, true);
    }

    private boolean onlyThrough(VirtualObjectNode object, BlockState state, PhiNode phi, int fieldReferences, HIRBlock merge, boolean backEdge, boolean intoLoop) {
        ObjectState s = state.get(object);
        if (s == null || !s.isVirtual() || s.hasLocks() || s.ensureVirtualized() || state.referencesFromVirtual(object) != fieldReferences) {
            return false;
        }
        for (ValueNode alias : analysis.aliasesOf(object)) {
            if (phi != null && GraphUtil.unproxify(alias) == phi) {
                continue; // the phi (or its exit proxy) may stand for the object in this round of the analysis
            }
            if (intoLoop && insideLoop(alias, merge)) {
                continue;
            }
            for (Node usage : alias.usages()) {
                if (phi != null && usage == phi) {
                    continue;
                }
                if (usage instanceof PhiNode other && other.merge() == merge.getBeginNode()) {
                    return false; // two phis of one merge would share the new object
                }
                if (!backEdge && usedAfter(usage, merge)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True if anything past {@code merge} may need {@code object}: a node or frame state using it
     * there, or a phi of the merge. An object that is real on some incoming path and virtual on
     * another needs materializing only then.
     */
    boolean neededAfter(VirtualObjectNode object, HIRBlock merge) {
        for (ValueNode alias : analysis.aliasesOf(object)) {
            for (Node usage : alias.usages()) {
                if (usage instanceof PhiNode p && p.merge() == merge.getBeginNode() || usedAfter(usage, merge)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean insideLoop(ValueNode node, HIRBlock header) {
        HIRBlock block = analysis.blockOf(node);
        return block != null && block.getLoop() != null && block.getLoop().isAncestorOrSelf(header.getLoop());
    }

    /** True if {@code usage}, or the node whose frame state it is part of, lies past {@code merge}. */
    private boolean usedAfter(Node usage, HIRBlock merge) {
        Deque<Node> work = new ArrayDeque<>();
        Set<Node> seen = new HashSet<>();
        work.push(usage);
        while (!work.isEmpty()) {
            Node n = work.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (n instanceof FrameState || n instanceof EscapeObjectState) {
                for (Node user : n.usages()) {
                    work.push(user);
                }
                continue;
            }
            // Proxies are not scheduled: they sit at their loop exit.
            HIRBlock block = analysis.blockOf(n instanceof ProxyNode proxy ? proxy.proxyPoint() : n);
            if (block == null || merge.dominates(block)) {
                return true;
            }
        }
        return false;
    }
}
