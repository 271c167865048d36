package dev.escape.analysis;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.escape.decisions.Materialization.Cause;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractEndNode;
import jdk.graal.compiler.nodes.ConstantNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.IfNode;
import jdk.graal.compiler.nodes.PiNode;
import jdk.graal.compiler.nodes.ReturnNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.calc.FloatingNode;
import jdk.graal.compiler.nodes.calc.IntegerEqualsNode;
import jdk.graal.compiler.nodes.calc.IsNullNode;
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
    /** The phi of real objects each pending merge ended in, shared by all paths after that merge. */
    private final Map<PendingMerge, ValueNode> phis = new IdentityHashMap<>();
    /** Null checks of nullable pending objects, by the test that replaced them. */
    private final Map<ValueNode, VirtualObjectNode> nullChecks = new IdentityHashMap<>();

    PendingObjects(Analysis analysis) {
        this.analysis = analysis;
    }

    /** Ends, before {@code position}, the pending state of every object of {@code state} that {@code node} needs real. */
    void materializeNeeded(Node node, FixedNode position, BlockState state, Effects effects) {
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

    /** The phi of real objects that ended {@code pending}, or null if it never ended (so far). */
    ValueNode phiOf(PendingMerge pending) {
        return phis.get(pending);
    }

    /** Ends the pending state of {@code object}: it is allocated at the end of the paths where it was virtual. */
    void materialize(VirtualObjectNode object, BlockState state, Node user, Cause cause) {
        PendingMerge pending = state.get(object).pendingMerge();
        ValueNode phi = phis.get(pending);
        if (phi == null) {
            ValueNode[] values = pending.real().clone();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    BlockState s = pending.states()[i];
                    analysis.materialize(object, s, analysis.effectsOf(pending.predecessors()[i]), Analysis.endOf(pending.predecessors()[i]), user, cause);
                    values[i] = analysis.resolve(object, s);
                }
            }
            ValuePhiNode created = Merges.phiOf(pending.merge(), values, pending.inputs());
            analysis.created(created, pending.block());
            analysis.effectsOf(pending.block()).addFloating(created);
            phis.put(pending, created);
            phi = created;
        }
        state.put(object, ObjectState.materialized(phi));
    }

    /** Ends every pending object of {@code state} (before a loop, or when leaving one). */
    void materializeAll(BlockState state, Effects effects, FixedNode position, Node user) {
        for (VirtualObjectNode object : state.objects()) {
            if (state.get(object).isPending()) {
                analysis.materialize(object, state, effects, position, user, Cause.MERGE);
            }
        }
    }
}
