package dev.escape.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.collections.EconomicSet;
import org.graalvm.collections.Equivalence;

import dev.escape.decisions.Materialization.Cause;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractEndNode;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.ConstantNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.IfNode;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.PiNode;
import jdk.graal.compiler.nodes.ReturnNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.VirtualState;
import jdk.graal.compiler.nodes.calc.FloatingNode;
import jdk.graal.compiler.nodes.calc.IntegerEqualsNode;
import jdk.graal.compiler.nodes.calc.IsNullNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.extended.GuardingNode;
import jdk.graal.compiler.nodes.java.LoadFieldNode;
import jdk.graal.compiler.nodes.type.StampTool;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * The life of pending objects after the merge that made them ({@link PendingMerge}, created by
 * {@link Merges}): which nodes let an object stay pending, how a nullable one is checked for null,
 * and how it ends: allocated at the end of the paths where it was virtual, with one phi of the
 * real objects that every path after the merge shares.
 */
final class PendingObjects {
    private final Analysis analysis;
    /** How each pending merge that ended did: its object, and the phi of real objects shared by all paths after that merge. */
    private final Map<PendingMerge, Ended> ended = new IdentityHashMap<>();

    private record Ended(VirtualObjectNode object, ValueNode phi) {
    }
    /** Null checks of nullable pending objects, by the test that replaced them. */
    private final Map<ValueNode, VirtualObjectNode> nullChecks = new IdentityHashMap<>();

    PendingObjects(Analysis analysis) {
        this.analysis = analysis;
    }

    /** Ends, before {@code position}, the pending state of every object of {@code state} that {@code node} needs real. */
    void materializeNeeded(Node node, FixedNode position, BlockState state, Effects effects) {
        if (!state.hasPending()) {
            return; // the common case, checked without copying the state's objects for every node
        }
        for (VirtualObjectNode object : state.objects()) {
            if (state.get(object).isPending() && needsReal(node, object, state)) {
                analysis.materialize(object, state, effects, position, node, analysis.causeOf(node, object));
            }
        }
    }

    /**
     * Whether {@code node} ends the pending state of {@code object}. Only what can neither use the
     * object nor deoptimize, now or once lowered, lets it stay pending: a deopt past the merge
     * would need the real object, which exists on the escaping paths only. That is: block
     * boundaries, branches, returns, plain reads of the object's own fields, and floating
     * computations other than guards.
     */
    private boolean needsReal(Node node, VirtualObjectNode object, BlockState state) {
        if (node instanceof LoadFieldNode load) {
            return load.field().isVolatile() || analysis.resolve(load.object(), state) != object || !state.get(object).isKnownNonNull();
        }
        boolean harmless = node instanceof AbstractBeginNode || node instanceof AbstractEndNode || node instanceof IfNode || node instanceof ReturnNode ||
                        (node instanceof FloatingNode && !(node instanceof GuardingNode));
        if (!harmless) {
            return true;
        }
        for (Node input : node.inputs()) {
            if (input instanceof ValueNode v && analysis.resolve(v, state) == object) {
                return true;
            }
        }
        return false;
    }

    /**
     * A nullable pending object is checked for null by its 1/0 phi, and a non-null proof (a pi)
     * makes its fields readable on that path. True if {@code node} was one.
     */
    boolean nullCheck(Node node, BlockState state, Effects effects) {
        ValueNode checked = node instanceof IsNullNode isNull ? isNull.getValue() : node instanceof PiNode pi && StampTool.isPointerNonNull(pi) ? pi.object() : null;
        if (checked == null || !(analysis.resolve(checked, state) instanceof VirtualObjectNode object) || !state.get(object).isPending() ||
                        state.get(object).pendingMerge().nonNull() == null) {
            return false;
        }
        if (node instanceof IsNullNode isNull) {
            ValueNode absent = new IntegerEqualsNode(state.get(object).pendingMerge().nonNull(), ConstantNode.forInt(0));
            analysis.alias(isNull, absent);
            nullChecks.put(absent, object);
            effects.replaceAndDelete(isNull, absent);
        } else {
            state.put(object, state.get(object).withProvedNonNull());
            analysis.alias((ValueNode) node, object);
            effects.replaceAndDelete((ValueNode) node, object);
        }
        return true;
    }

    /** Past the "not null" branch of a nullable pending object's null check, its fields may be read. */
    void provedByBranch(AbstractBeginNode begin, BlockState state) {
        if (begin.predecessor() instanceof IfNode branch && branch.falseSuccessor() == begin && nullChecks.get(analysis.resolveAny(branch.condition())) instanceof VirtualObjectNode object &&
                        state.get(object) != null && state.get(object).isPending()) {
            state.put(object, state.get(object).withProvedNonNull());
        }
    }

    /** The merges whose pending objects had to be made real on their virtual paths (see {@link BranchSplitting}). */
    List<AbstractMergeNode> mergesMadeReal() {
        List<AbstractMergeNode> merges = new ArrayList<>();
        for (PendingMerge p : ended.keySet()) {
            if (!merges.contains(p.merge())) {
                merges.add(p.merge());
            }
        }
        return merges;
    }

    /** The objects that were pending at {@code merge} and had to be made real on their virtual paths. */
    List<VirtualObjectNode> madeRealAt(AbstractMergeNode merge) {
        List<VirtualObjectNode> objects = new ArrayList<>();
        for (Map.Entry<PendingMerge, Ended> e : ended.entrySet()) {
            if (e.getKey().merge() == merge) {
                objects.add(e.getValue().object());
            }
        }
        return objects;
    }

    /** The phi of real objects that ended {@code pending}, or null if it never ended (so far). */
    ValueNode phiOf(PendingMerge pending) {
        Ended e = ended.get(pending);
        return e == null ? null : e.phi();
    }

    /** Ends the pending state of {@code object}: it is allocated at the end of the paths where it was virtual. */
    void materialize(VirtualObjectNode object, BlockState state, Node user, Cause cause) {
        PendingMerge pending = state.get(object).pendingMerge();
        ValueNode phi = phiOf(pending);
        if (phi == null) {
            ValueNode[] values = pending.real().clone();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    BlockState s = pending.states()[i];
                    analysis.materializeAtEnd(object, s, pending.predecessors()[i], user, cause, pending.realOnSomePath());
                    values[i] = analysis.resolve(object, s);
                }
            }
            ValuePhiNode created = Merges.phiOf(pending.merge(), values, pending.inputs());
            analysis.created(created, pending.block());
            analysis.effectsOf(pending.block()).addFloating(created);
            ended.put(pending, new Ended(object, created));
            phi = created;
        }
        state.put(object, ObjectState.materialized(phi));
    }

    /**
     * Ends every pending object of {@code state} (before a loop, or when leaving one, with
     * {@code from} the block where the code goes on): one that code from there may still use is
     * allocated, one that nothing uses any more is dropped ({@link #usedFrom}).
     */
    void materializeAll(BlockState state, Effects effects, FixedNode position, Node user, HIRBlock from) {
        for (VirtualObjectNode object : state.objects()) {
            if (state.get(object).isPending()) {
                end(object, state, effects, position, user, from);
            }
        }
    }

    /** Ends the pending state of {@code object} where the code goes on in {@code from}: allocated if used from there on, else dropped. */
    private void end(VirtualObjectNode object, BlockState state, Effects effects, FixedNode position, Node user, HIRBlock from) {
        if (usedFrom(object, from, state)) {
            analysis.materialize(object, state, effects, position, user, Cause.MERGE);
        } else {
            state.remove(object);
        }
    }

    /**
     * Whether code from the start of {@code from} on may still use pending {@code object}: a node
     * that stands for it (the phi it came in through, a pi that proved it non-null) has a use on a
     * path from {@code from} that does not first pass that node's definition again (where it
     * would stand for another object, e.g. of the next loop iteration), or another object of
     * {@code state} holds it. Conservative: a use whose place is unknown counts.
     */
    private boolean usedFrom(VirtualObjectNode object, HIRBlock from, BlockState state) {
        if (state.referencesFromVirtual(object) > 0) {
            return true;
        }
        for (ValueNode alias : analysis.aliasesOf(object)) {
            HIRBlock definition = analysis.definingBlock(alias);
            EconomicSet<HIRBlock> uses = EconomicSet.create(Equivalence.IDENTITY);
            if (definition == null || !useBlocks(alias, uses) || reaches(from, definition, uses) || inPhiOf(alias, from)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the blocks where {@code value} is used (a phi's at the end of the predecessors it comes in from; a frame state's at the nodes it belongs to); false if some use has no known block. */
    private boolean useBlocks(Node value, EconomicSet<HIRBlock> into) {
        for (Node use : value.usages()) {
            if (use instanceof VirtualState) {
                if (!useBlocks(use, into)) {
                    return false;
                }
                continue;
            }
            if (use instanceof PhiNode phi) {
                // Used at the end of the predecessors it comes in from.
                for (int i = 0; i < phi.valueCount(); i++) {
                    if (phi.valueAt(i) == value && !add(analysis.blockOf(phi.merge().phiPredecessorAt(i)), into)) {
                        return false;
                    }
                }
            } else if (!add(analysis.blockOf(use), into)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a phi of the merge that begins {@code block} takes {@code value}: a use at the very point the code goes on from. */
    private boolean inPhiOf(ValueNode value, HIRBlock block) {
        for (Node use : value.usages()) {
            if (use instanceof PhiNode phi && analysis.blockOf(phi.merge()) == block) {
                return true;
            }
        }
        return false;
    }

    private static boolean add(HIRBlock block, EconomicSet<HIRBlock> into) {
        if (block == null) {
            return false;
        }
        into.add(block);
        return true;
    }

    /** Whether a path from {@code from} (itself included) reaches one of {@code targets} without entering {@code barrier}. */
    private static boolean reaches(HIRBlock from, HIRBlock barrier, EconomicSet<HIRBlock> targets) {
        EconomicSet<HIRBlock> seen = EconomicSet.create(Equivalence.IDENTITY);
        ArrayDeque<HIRBlock> work = new ArrayDeque<>();
        work.add(from);
        seen.add(from);
        while (!work.isEmpty()) {
            HIRBlock b = work.poll();
            if (targets.contains(b)) {
                return true;
            }
            for (int i = 0; i < b.getSuccessorCount(); i++) {
                HIRBlock next = b.getSuccessorAt(i);
                if (next != barrier && seen.add(next)) {
                    work.add(next);
                }
            }
        }
        return false;
    }
}
