package dev.escape.analysis;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.collections.EconomicMap;
import org.graalvm.collections.Equivalence;

import jdk.graal.compiler.core.common.type.Stamp;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.BeginNode;
import jdk.graal.compiler.nodes.BinaryOpLogicNode;
import jdk.graal.compiler.nodes.EndNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.IfNode;
import jdk.graal.compiler.nodes.LogicNode;
import jdk.graal.compiler.nodes.MergeNode;
import jdk.graal.compiler.nodes.NodeView;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ProxyNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.UnaryOpLogicNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.VirtualState;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.vm.ci.meta.TriState;

/**
 * Splits a branch that comes right after a merge and that each path into the merge decides on its
 * own: every path then goes straight to its side of the branch, and the merge is gone. This is
 * the simplest tail duplication (no code but the test is duplicated, and the test folds away).
 *
 * <p>
 * It runs between rounds, at the merges where a round had to make a pending object
 * ({@link PendingMerge}) real on its virtual paths. {@code Optional.ofNullable(s).map(f)} merges
 * {@code Optional.EMPTY} with a new {@code Optional} and then tests {@code isEmpty()}: on the
 * EMPTY path the test is true, on the other {@code s} is known not null. The code of {@code f}
 * after the test may deoptimize with the merge's frame state, which names the object; so the
 * round allocated it. Once the branch is split, the new {@code Optional} reaches that code from
 * its own path only, and the next round keeps it virtual.
 *
 * <p>
 * Only where every use of the merge's phis is on one side or the other (a use in a phi after the
 * two sides meet again is one at the end of a side), so that each use takes its side's value: the
 * path's own, or, where several paths go to one side, a phi of a new merge there (with a copy of
 * the merge's frame state).
 */
public final class BranchSplitting {
    /** How far back from a merge's end the walk looks for branches that prove something of a value. */
    private static final int MAX_WALK = 2_000;
    /** How many nodes finding the sides of a merge's uses may visit before it gives up on that merge. */
    private static final int MAX_VISITS = 10_000;

    private enum Side {
        TRUE,
        FALSE,
        BOTH,
        NONE;

        Side and(Side other) {
            return this == NONE ? other : other == NONE || other == this ? this : BOTH;
        }
    }

    private final AbstractBeginNode trueBegin;
    private final AbstractBeginNode falseBegin;
    private final EconomicMap<Node, Side> sides = EconomicMap.create(Equivalence.IDENTITY);
    private int visited;

    private BranchSplitting(IfNode branch, AbstractMergeNode merge) {
        this.trueBegin = branch.trueSuccessor();
        this.falseBegin = branch.falseSuccessor();
        // Both go away with the split: a test the branch shares goes to the side of its other uses.
        sides.put(branch, Side.NONE);
        if (merge.stateAfter() != null) {
            sides.put(merge.stateAfter(), Side.NONE);
        }
    }

    /**
     * Splits the branches right after the merges where {@code analysis} made pending objects real,
     * where it can, and tells the decisions of those objects' sites; returns how many it split.
     */
    public static int apply(StructuredGraph graph, Analysis analysis) {
        int split = 0;
        for (AbstractMergeNode merge : analysis.mergesMadeReal()) {
            Node branch = merge.next();
            if (merge.isAlive() && merge.graph() == graph && trySplit(merge)) {
                analysis.decisions().rewrote(analysis.pending().madeRealAt(merge), "branch", branch, "split per path into the merge before it");
                split++;
            }
        }
        return split;
    }

    private static boolean trySplit(AbstractMergeNode merge) {
        if (!(merge instanceof MergeNode) || !(merge.next() instanceof IfNode branch) || !testsPhiOf(branch.condition(), merge) ||
                        branch.trueSuccessor().getClass() != BeginNode.class || branch.falseSuccessor().getClass() != BeginNode.class) {
            return false;
        }
        for (Node usage : merge.usages()) {
            if (!(usage instanceof ValuePhiNode phi && phi.merge() == merge)) {
                return false; // e.g. a guard anchored at the merge
            }
        }
        if (merge.stateAfter() != null && merge.stateAfter().getUsageCount() != 1) {
            return false; // a frame state shared with other nodes: it keeps the phis
        }
        List<EndNode> trueEnds = new ArrayList<>();
        List<EndNode> falseEnds = new ArrayList<>();
        for (EndNode end : merge.forwardEnds()) {
            TriState outcome = outcome(branch.condition(), end);
            if (!outcome.isKnown() || !(end.predecessor() instanceof FixedWithNextNode)) {
                return false;
            }
            (outcome.toBoolean() ? trueEnds : falseEnds).add(end);
        }
        if (trueEnds.isEmpty() || falseEnds.isEmpty()) {
            return false; // decided the same way everywhere: the canonicalizer's to fold
        }
        BranchSplitting split = new BranchSplitting(branch, merge);
        for (PhiNode phi : merge.phis()) {
            for (Node usage : phi.usages()) {
                if (usage == merge.stateAfter()) {
                    continue; // goes with the merge
                }
                if (usage instanceof PhiNode later ? !split.oneSidePerInput(later, phi) : !oneSide(split.side(usage))) {
                    return false;
                }
            }
        }
        split.rewire(merge, branch, trueEnds, falseEnds);
        return true;
    }

    /** A test of a phi of {@code merge}: of one value, or a comparison of two (one of them such a phi). */
    private static boolean testsPhiOf(LogicNode condition, AbstractMergeNode merge) {
        if (condition instanceof UnaryOpLogicNode test) {
            return isPhiOf(test.getValue(), merge);
        }
        return condition instanceof BinaryOpLogicNode compare && (isPhiOf(compare.getX(), merge) || isPhiOf(compare.getY(), merge));
    }

    private static boolean isPhiOf(ValueNode value, AbstractMergeNode merge) {
        return value instanceof PhiNode phi && phi.merge() == merge;
    }

    /** What {@code condition} gives on the path that ends in {@code end}, from what is known of the merge's values there. */
    private static TriState outcome(LogicNode condition, EndNode end) {
        if (condition instanceof UnaryOpLogicNode test) {
            Stamp known = known(test.getValue(), end);
            return known.isEmpty() ? TriState.UNKNOWN : test.tryFold(known);
        }
        BinaryOpLogicNode compare = (BinaryOpLogicNode) condition;
        Stamp x = known(compare.getX(), end);
        Stamp y = known(compare.getY(), end);
        return x.isEmpty() || y.isEmpty() ? TriState.UNKNOWN : compare.tryFold(x, y);
    }

    /**
     * The stamp of {@code value} on the path that ends in {@code end} (its input from there if it
     * is a phi of the merge), narrowed by the branches on the way there that test it.
     */
    private static Stamp known(ValueNode value, EndNode end) {
        ValueNode onPath = value instanceof PhiNode phi && phi.merge() == end.merge() ? phi.valueAt(end) : value;
        Stamp known = onPath.stamp(NodeView.DEFAULT);
        ValueNode origin = GraphUtil.skipPi(onPath);
        FixedNode node = end;
        for (int steps = 0; steps < MAX_WALK && node != null && !known.isEmpty(); steps++) {
            if (node instanceof AbstractBeginNode begin && begin.predecessor() instanceof IfNode dominating) {
                if (dominating.condition() instanceof UnaryOpLogicNode earlier && GraphUtil.skipPi(earlier.getValue()) == origin) {
                    Stamp proved = earlier.getSucceedingStampForValue(dominating.falseSuccessor() == begin);
                    known = proved == null || !proved.isCompatible(known) ? known : known.join(proved);
                }
                node = dominating;
            } else if (node instanceof AbstractMergeNode) {
                break; // what dominates a merge is not on one path: stop here
            } else {
                node = node.predecessor() instanceof FixedNode previous ? previous : null;
            }
        }
        return known;
    }

    private static boolean oneSide(Side side) {
        return side == Side.TRUE || side == Side.FALSE || side == Side.NONE; // NONE: a dead use
    }

    /** Whether each input of {@code later} that is {@code phi} comes in along one side. */
    private boolean oneSidePerInput(PhiNode later, PhiNode phi) {
        for (int i = 0; i < later.valueCount(); i++) {
            if (later.valueAt(i) == phi && !oneSide(side(later.merge().phiPredecessorAt(i)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The side of the branch {@code node} is on: the side every path to it comes through, found by
     * walking back along the control flow (for a floating node or a frame state, from its uses).
     * BOTH where it cannot tell (or the walk grows too long).
     */
    private Side side(Node node) {
        Side known = sides.get(node);
        if (known != null) {
            return known;
        }
        if (++visited > MAX_VISITS) {
            return Side.BOTH;
        }
        sides.put(node, Side.NONE); // a cycle (a loop's back edge) adds nothing
        Side side;
        if (node instanceof FixedNode fixed) {
            side = sideOfFixed(fixed);
        } else if (node instanceof ProxyNode proxy) {
            side = side(proxy.proxyPoint());
        } else if (node instanceof PhiNode phi) {
            side = side(phi.merge());
        } else {
            // A floating value or a frame state: on the side of its uses.
            side = Side.NONE;
            for (Node usage : node.usages()) {
                side = side.and(usage instanceof PhiNode phi && !(node instanceof VirtualState) ? sideOfInput(phi, node) : side(usage));
            }
        }
        sides.put(node, side);
        return side;
    }

    /** Walks back along fixed nodes to the branch's successors, or through a merge's ends. */
    private Side sideOfFixed(FixedNode start) {
        Node node = start;
        for (int steps = 0; steps < MAX_VISITS; steps++) {
            if (node == trueBegin) {
                return Side.TRUE;
            } else if (node == falseBegin) {
                return Side.FALSE;
            } else if (node != start && sides.get(node) instanceof Side known) {
                return known;
            } else if (node instanceof AbstractMergeNode merge) {
                Side side = Side.NONE;
                for (EndNode end : merge.forwardEnds()) {
                    side = side.and(side(end));
                }
                return side; // a loop's back edges come from inside it: its entries decide
            } else if (node.predecessor() == null) {
                return Side.BOTH; // the start: not below the branch
            }
            node = node.predecessor();
        }
        return Side.BOTH;
    }

    /** The side of the paths along which {@code phi} takes {@code value}. */
    private Side sideOfInput(PhiNode phi, Node value) {
        Side side = Side.NONE;
        for (int i = 0; i < phi.valueCount(); i++) {
            if (phi.valueAt(i) == value) {
                side = side.and(side(phi.merge().phiPredecessorAt(i)));
            }
        }
        return side;
    }

    /**
     * Sends each path to its side of the branch (through a new merge where a side gets several),
     * gives each use of a phi of the merge its side's value, and removes the merge and the branch.
     */
    private void rewire(AbstractMergeNode merge, IfNode branch, List<EndNode> trueEnds, List<EndNode> falseEnds) {
        AbstractBeginNode onTrue = branch.trueSuccessor();
        AbstractBeginNode onFalse = branch.falseSuccessor();
        branch.setTrueSuccessor(null);
        branch.setFalseSuccessor(null);
        merge.setNext(null);
        EconomicMap<PhiNode, ValueNode> trueValues = join(merge, trueEnds, onTrue);
        EconomicMap<PhiNode, ValueNode> falseValues = join(merge, falseEnds, onFalse);
        for (PhiNode phi : merge.phis().snapshot()) {
            for (Node usage : phi.usages().snapshot()) {
                if (usage == merge.stateAfter()) {
                    continue;
                }
                if (usage instanceof PhiNode later) {
                    for (int i = 0; i < later.valueCount(); i++) {
                        if (later.valueAt(i) == phi) {
                            later.setValueAt(i, (side(later.merge().phiPredecessorAt(i)) == Side.FALSE ? falseValues : trueValues).get(phi));
                        }
                    }
                } else {
                    usage.replaceAllInputs(phi, (side(usage) == Side.FALSE ? falseValues : trueValues).get(phi));
                }
            }
        }
        FrameState state = merge.stateAfter();
        merge.setStateAfter(null);
        GraphUtil.killWithUnusedFloatingInputs(branch);
        if (state != null && state.hasNoUsages()) {
            GraphUtil.killWithUnusedFloatingInputs(state);
        }
        for (PhiNode phi : merge.phis().snapshot()) {
            phi.safeDelete();
        }
        for (EndNode end : merge.forwardEnds().snapshot()) {
            merge.removeEnd(end); // the ends of the sides that got one path, already detached
            end.safeDelete();
        }
        merge.safeDelete();
    }

    /**
     * Leads {@code ends} into {@code begin}: the one path straight, several through a new merge
     * with a phi for each of {@code merge}'s and a copy of its frame state. Returns what each phi
     * of {@code merge} is on that side.
     */
    private static EconomicMap<PhiNode, ValueNode> join(AbstractMergeNode merge, List<EndNode> ends, AbstractBeginNode begin) {
        EconomicMap<PhiNode, ValueNode> values = EconomicMap.create(Equivalence.IDENTITY);
        if (ends.size() == 1) {
            EndNode end = ends.get(0);
            for (PhiNode phi : merge.phis()) {
                values.put(phi, phi.valueAt(end));
            }
            FixedWithNextNode before = (FixedWithNextNode) end.predecessor();
            before.setNext(null);
            before.setNext(begin);
            return values;
        }
        StructuredGraph graph = merge.graph();
        MergeNode joined = graph.add(new MergeNode());
        joined.setNodeSourcePosition(merge.getNodeSourcePosition());
        List<ValuePhiNode> phis = new ArrayList<>();
        for (PhiNode phi : merge.phis()) {
            ValuePhiNode copy = graph.addWithoutUnique(new ValuePhiNode(phi.stamp(NodeView.DEFAULT), joined));
            phis.add(copy);
            values.put(phi, copy);
        }
        for (EndNode end : ends) {
            int k = 0;
            for (PhiNode phi : merge.phis()) {
                phis.get(k++).addInput(phi.valueAt(end));
            }
            merge.removeEnd(end);
            joined.addForwardEnd(end);
        }
        if (merge.stateAfter() != null) {
            FrameState state = merge.stateAfter().duplicateWithVirtualState();
            for (PhiNode phi : merge.phis()) {
                replaceIn(state, phi, values.get(phi));
            }
            joined.setStateAfter(state);
        }
        joined.setNext(begin);
        return values;
    }

    /** Replaces {@code old} by {@code value} in {@code state} and its own virtual object descriptions. */
    private static void replaceIn(FrameState state, ValueNode old, ValueNode value) {
        state.replaceAllInputs(old, value);
        if (state.virtualObjectMappings() != null) {
            for (Node mapping : state.virtualObjectMappings()) {
                mapping.replaceAllInputs(old, value);
            }
        }
    }
}
