package dev.escape.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.graalvm.collections.EconomicSet;
import org.graalvm.collections.Equivalence;

import dev.escape.decisions.Materialization.Cause;
import jdk.graal.compiler.core.common.type.Stamp;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.ConstantNode;
import jdk.graal.compiler.nodes.NodeView;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.java.LoadFieldNode;
import jdk.graal.compiler.nodes.util.ConstantFoldUtil;
import jdk.graal.compiler.nodes.virtual.VirtualInstanceNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.vm.ci.code.BytecodeFrame;
import jdk.vm.ci.meta.JavaConstant;
import jdk.vm.ci.meta.JavaKind;
import jdk.vm.ci.meta.ResolvedJavaField;

/**
 * Combines the states of a merge's predecessors. An object virtual on every incoming path stays
 * virtual, its differing fields becoming phis; an object real on some path is materialized on the
 * others (at the end of those predecessors only); a phi of the graph that always sees the same
 * virtual object becomes that object, any other phi gets real inputs. Materializing can make
 * other objects or phis need it too, so the rules run until nothing changes.
 */
final class Merges {
    private final Analysis analysis;
    /**
     * For the merge being processed: the phi input index of each predecessor that takes part.
     * Predecessors found unreachable ({@link BlockState#isDead()}: their branch is removed) do not;
     * the arrays of states and predecessors hold the others only.
     */
    private int[] phiIndex;

    Merges(Analysis analysis) {
        this.analysis = analysis;
    }

    BlockState merge(AbstractMergeNode merge, HIRBlock block) {
        HIRBlock[] all = predecessorsOf(merge);
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            BlockState end = analysis.endState(all[i]);
            if (end == null) {
                throw new Unsupported("merge predecessor not analyzed: " + all[i]);
            }
            if (!end.isDead()) {
                live.add(i);
            }
        }
        if (live.isEmpty()) {
            return BlockState.dead();
        }
        phiIndex = new int[live.size()];
        for (int i = 0; i < phiIndex.length; i++) {
            phiIndex[i] = live.get(i);
        }
        int n = phiIndex.length;
        HIRBlock[] preds = new HIRBlock[n];
        BlockState[] states = new BlockState[n];
        for (int i = 0; i < n; i++) {
            preds[i] = all[phiIndex[i]];
            states[i] = analysis.endState(preds[i]).copy();
            // Objects left pending by an earlier merge do not cross another one (dropped if nothing uses them past it).
            analysis.pending().materializeAll(states[i], analysis.effectsOf(preds[i]), Analysis.endOf(preds[i]), merge, block);
        }
        EconomicSet<VirtualObjectNode> pending = EconomicSet.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        boolean changed;
        do {
            changed = materializeForPhis(merge, states, preds) | materializeMixedObjects(merge, states, preds, pending);
        } while (changed);
        BlockState result = buildResult(merge, block, states, preds, pending);
        connectPhis(merge, block, states, preds, result);
        for (int i = 0; i < n; i++) {
            // Materializations at the end of a predecessor belong to its end state too.
            analysis.replaceEndState(preds[i], states[i]);
        }
        return result;
    }

    /** Phis whose inputs are not all the same virtual object, nor mergeable ones, need real inputs. */
    private boolean materializeForPhis(AbstractMergeNode merge, BlockState[] states, HIRBlock[] preds) {
        boolean changed = false;
        HIRBlock block = analysis.blockOf(merge);
        for (PhiNode phi : merge.valuePhis()) {
            VirtualObjectNode same = sameVirtual(phi, states);
            // Past an exception merge an object can no longer be made real (see isExceptionMerge).
            if (same != null && !isExceptionMerge(block)) {
                continue;
            }
            VirtualObjectNode[] inputs = mergeable(phi, states, block, 0);
            if (inputs != null) {
                changed |= materializeDifferingFields(merge, inputs, states, preds);
                continue;
            }
            if (nullable(phi, states, merge) != null) {
                continue;
            }
            VirtualObjectNode holder = nullable(phi, states, merge, true);
            if (holder != null && materializeFields(holder, states, preds, merge)) {
                changed = true;
                continue; // the next pass finds it nullable
            }
            VirtualObjectNode[] virtualInputs = new VirtualObjectNode[states.length];
            for (int i = 0; i < states.length; i++) {
                if (analysis.resolve(in(phi, i), states[i]) instanceof VirtualObjectNode v && states[i].isVirtual(v)) {
                    virtualInputs[i] = v;
                }
            }
            allowAllocating(virtualInputs, states);
            for (int i = 0; i < states.length; i++) {
                if (virtualInputs[i] != null) {
                    analysis.materializeAtEnd(virtualInputs[i], states[i], preds[i], merge, Cause.MERGE, false);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /**
     * The input objects of {@code phi} (by predecessor) if they are distinct virtual objects that
     * can become one new virtual object whose fields are phis; null otherwise. Inputs from index
     * {@code backEdgesFrom} on come around a loop's back edges.
     */
    VirtualObjectNode[] mergeable(PhiNode phi, BlockState[] states, HIRBlock mergeBlock, int backEdgesFrom) {
        if (isExceptionMerge(mergeBlock)) {
            return null;
        }
        VirtualObjectNode[] inputs = new VirtualObjectNode[states.length];
        for (int i = 0; i < states.length; i++) {
            if (!(analysis.resolve(in(phi, i), states[i]) instanceof VirtualObjectNode v) || !states[i].isVirtual(v) || !Identity.sameShape(v, inputs[0] == null ? v : inputs[0]) ||
                            !analysis.identity().mayMeetAt(v, states[i], phi, mergeBlock, backEdgesFrom > 0 && i >= backEdgesFrom)) {
                return null;
            }
            inputs[i] = v;
        }
        return inputs;
    }

    /**
     * Where the fields of {@code inputs}, objects that merge into one, hold different objects: if
     * those can meet as one too ({@link #mergeableEntries}), they become a merged object of their
     * own, whose fields are checked the same way; otherwise the virtual ones are made real at the
     * end of their predecessors, so that the merged object's field is a phi of real values (as in
     * Graal's phase). Making the holders real instead (as this analysis used to) allocates them and
     * their fields: javac's {@code JavacParser.literal} merges one literal node per case, several
     * holding a box of their value. True if anything was made real.
     */
    private boolean materializeDifferingFields(AbstractMergeNode merge, VirtualObjectNode[] inputs, BlockState[] states, HIRBlock[] preds) {
        boolean changed = false;
        for (int j = 0; j < inputs[0].entryCount(); j++) {
            changed |= materializeDifferingField(merge, inputs, j, states, preds);
        }
        return changed;
    }

    /** The same for field {@code j} of {@code holders} (one per predecessor). */
    private boolean materializeDifferingField(AbstractMergeNode merge, VirtualObjectNode[] holders, int j, BlockState[] states, HIRBlock[] preds) {
        if (!differs(holders, j, states)) {
            return false;
        }
        VirtualObjectNode[] nested = mergeableEntries(holders, j, states, analysis.blockOf(merge));
        if (nested != null) {
            return materializeDifferingFields(merge, nested, states, preds);
        }
        boolean changed = false;
        for (int i = 0; i < states.length; i++) {
            if (states[i].get(holders[i]).entry(j) instanceof VirtualObjectNode v && states[i].isVirtual(v)) {
                analysis.materializeAtEnd(v, states[i], preds[i], merge, Cause.MERGE, false);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * A merge of exception paths: a new object made real after it would get the merge's
     * after-exception frame state, which cannot describe an allocation; merged objects are made
     * real on the incoming paths instead.
     */
    private static boolean isExceptionMerge(HIRBlock mergeBlock) {
        return mergeBlock.getBeginNode() instanceof AbstractMergeNode m && m.stateAfter() != null && m.stateAfter().bci == BytecodeFrame.AFTER_EXCEPTION_BCI;
    }

    /** The virtual object all inputs of {@code phi} stand for, or null. */
    VirtualObjectNode sameVirtual(PhiNode phi, BlockState[] states) {
        VirtualObjectNode same = null;
        for (int i = 0; i < states.length; i++) {
            if (!(analysis.resolve(in(phi, i), states[i]) instanceof VirtualObjectNode v) || !states[i].isVirtual(v) || (same != null && same != v)) {
                return null;
            }
            same = v;
        }
        return same;
    }

    /** Objects real on some path, or virtual with differing locks or differing virtual fields. */
    private boolean materializeMixedObjects(AbstractMergeNode merge, BlockState[] states, HIRBlock[] preds, EconomicSet<VirtualObjectNode> pending) {
        boolean changed = false;
        pending.clear();
        for (VirtualObjectNode object : common(states)) {
            boolean allVirtual = true;
            boolean anyVirtual = false;
            for (BlockState s : states) {
                allVirtual &= s.isVirtual(object);
                anyVirtual |= s.isVirtual(object);
            }
            if (!anyVirtual) {
                continue;
            }
            if (!allVirtual && !neededAfter(object, states, merge)) {
                // Dead past the merge: the paths where it is still virtual never allocate it.
                for (BlockState s : states) {
                    s.remove(object);
                }
                continue;
            }
            if (!allVirtual && canStayPending(object, merge, states)) {
                pending.add(object);
                continue;
            }
            if (!allVirtual || !sameLocks(object, states)) {
                allowAllocating(holders(object, states), states);
                for (int i = 0; i < states.length; i++) {
                    if (states[i].isVirtual(object)) {
                        analysis.materializeAtEnd(object, states[i], preds[i], merge, Cause.MERGE, !allVirtual);
                        changed = true;
                    }
                }
                continue;
            }
            // A field holding different objects: they merge into one, or become real where they are virtual.
            for (int j = 0; j < object.entryCount(); j++) {
                if (!virtualEverywhere(object, states)) {
                    // A field's object reached its holder (or needed it for lock order) and made it
                    // real on that path too: the next round treats the holder as real on some paths.
                    break;
                }
                changed |= materializeDifferingField(merge, holders(object, states), j, states, preds);
            }
        }
        return changed;
    }

    /**
     * Lets the objects of a merge (one per predecessor, null where one does not take part) be made
     * real at the end of the predecessors where they must stay virtual
     * ({@link ObjectState#ensureVirtualized()}) if on some other predecessor it need not: it is
     * real there already, or virtual without the requirement. Graal's phase relaxes it the same
     * way. Truffle frames need this: on one path a closure holding the frame went to a call, on
     * the others the frame must stay virtual. Without it, five functions of terser's parser
     * failed to compile.
     */
    private static void allowAllocating(VirtualObjectNode[] objects, BlockState[] states) {
        boolean required = true;
        for (int i = 0; i < states.length; i++) {
            required &= objects[i] == null || states[i].mustStayVirtual(objects[i]);
        }
        if (required) {
            return;
        }
        for (int i = 0; i < states.length; i++) {
            if (objects[i] != null && states[i].mustStayVirtual(objects[i])) {
                states[i].setEnsureVirtualized(objects[i], false);
            }
        }
    }

    private static boolean virtualEverywhere(VirtualObjectNode object, BlockState[] states) {
        for (BlockState s : states) {
            if (!s.isVirtual(object)) {
                return false;
            }
        }
        return true;
    }

    private boolean neededAfter(VirtualObjectNode object, BlockState[] states, AbstractMergeNode merge) {
        for (BlockState s : states) {
            if (s.referencesFromVirtual(object) > 0) {
                return true;
            }
        }
        return analysis.identity().neededAfter(object, analysis.blockOf(merge));
    }

    /**
     * Whether an object real on some paths may stay unallocated on the others past the merge
     * ({@link PendingMerge}): a plain instance without volatile fields, no locks or virtual
     * fields, that no phi of the merge and no other virtual object refers to.
     */
    private boolean canStayPending(VirtualObjectNode object, AbstractMergeNode merge, BlockState[] states) {
        if (!(object instanceof VirtualInstanceNode instance)) {
            return false;
        }
        for (ResolvedJavaField field : instance.getFields()) {
            if (field.isVolatile()) {
                return false;
            }
        }
        for (BlockState s : states) {
            ObjectState o = s.get(object);
            if (s.referencesFromVirtual(object) > 0 || (o.isVirtual() && (o.hasLocks() || o.ensureVirtualized() || s.hasVirtualFields(object)))) {
                return false;
            }
        }
        for (PhiNode phi : merge.valuePhis()) {
            for (int i = 0; i < states.length; i++) {
                if (analysis.resolve(in(phi, i), states[i]) == object) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Makes real, at the end of each predecessor where {@code object} is virtual, the virtual
     * objects its fields hold, so that {@code object} itself can stay pending past the merge
     * (whose reads then give the real field objects). Without this, the object would be made real
     * there, and they with it: this allocates a subset of that. {@code Optional.map} puts a new
     * box into a new {@code Optional} that it merges with {@code Optional.EMPTY}. False if there
     * was nothing to do, or a field's object must stay virtual (or is the object itself).
     */
    private boolean materializeFields(VirtualObjectNode object, BlockState[] states, HIRBlock[] preds, AbstractMergeNode merge) {
        List<VirtualObjectNode> fieldObjects = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            if (!states[i].isVirtual(object)) {
                continue;
            }
            ObjectState o = states[i].get(object);
            for (int j = 0; j < o.entryCount(); j++) {
                if (o.entry(j) instanceof VirtualObjectNode field && states[i].isVirtual(field)) {
                    for (VirtualObjectNode reached : states[i].reachableVirtual(field, null)) {
                        if (reached == object || states[i].mustStayVirtual(reached)) {
                            return false;
                        }
                    }
                    fieldObjects.add(field);
                    where.add(i);
                }
            }
        }
        for (int k = 0; k < fieldObjects.size(); k++) {
            BlockState state = states[where.get(k)];
            if (state.isVirtual(fieldObjects.get(k))) { // an earlier one may have reached it
                analysis.materializeAtEnd(fieldObjects.get(k), state, preds[where.get(k)], merge, Cause.MERGE, false);
            }
        }
        return !fieldObjects.isEmpty();
    }

    private BlockState buildResult(AbstractMergeNode merge, HIRBlock block, BlockState[] states, HIRBlock[] preds, EconomicSet<VirtualObjectNode> pending) {
        BlockState result = new BlockState();
        Effects effects = analysis.effectsOf(block);
        for (VirtualObjectNode object : common(states)) {
            ObjectState first = states[0].get(object);
            if (pending.contains(object)) {
                result.put(object, pendingState((VirtualInstanceNode) object, merge, block, states, preds));
            } else if (first.isVirtual()) {
                ObjectState merged = first;
                for (int j = 0; j < first.entryCount(); j++) {
                    VirtualObjectNode[] inputs = differs(object, j, states) ? mergeableField(object, j, states, block) : null;
                    if (inputs != null) {
                        merged = merged.withEntry(j, mergeObjects(analysis.mergedObject(inputs[0], inputs[0]), merge, block, effects, inputs, states, result));
                    } else if (differs(object, j, states)) {
                        ValueNode[] values = new ValueNode[states.length];
                        for (int i = 0; i < states.length; i++) {
                            values[i] = analysis.resolve(states[i].get(object).entry(j), states[i]);
                        }
                        merged = merged.withEntry(j, newPhi(merge, block, effects, values));
                    }
                }
                result.put(object, merged);
            } else {
                ValueNode[] values = new ValueNode[states.length];
                for (int i = 0; i < states.length; i++) {
                    values[i] = states[i].get(object).materializedValue();
                }
                result.put(object, ObjectState.materialized(valueOrPhi(merge, block, effects, values)));
            }
        }
        return result;
    }

    /**
     * The virtual object of a phi whose other inputs are all {@code null} or one constant object
     * of its exact type (as {@code Optional.ofNullable} gives {@code Optional.EMPTY} or a new
     * {@code Optional}), if it can stay unallocated past the merge as a pending object
     * ({@link PendingMerge}); null otherwise. On the constant's paths its fields are loaded at the
     * end of the path, as for an object real there.
     */
    VirtualObjectNode nullable(PhiNode phi, BlockState[] states, AbstractMergeNode merge) {
        return nullable(phi, states, merge, false);
    }

    /** As {@link #nullable(PhiNode, BlockState[], AbstractMergeNode)}, and the object's fields may hold virtual objects if {@code fieldsMayBeVirtual}. */
    private VirtualObjectNode nullable(PhiNode phi, BlockState[] states, AbstractMergeNode merge, boolean fieldsMayBeVirtual) {
        if (isExceptionMerge(analysis.blockOf(merge))) {
            return null;
        }
        VirtualObjectNode object = null;
        JavaConstant constant = null;
        boolean anyOther = false;
        for (int i = 0; i < states.length; i++) {
            ValueNode in = analysis.resolve(in(phi, i), states[i]);
            if (in.isNullConstant()) {
                anyOther = true;
            } else if (in.isJavaConstant() && in.asJavaConstant().getJavaKind() == JavaKind.Object && (constant == null || constant.equals(in.asJavaConstant()))) {
                constant = in.asJavaConstant();
                anyOther = true;
            } else if (in instanceof VirtualObjectNode v && states[i].isVirtual(v) && !states[i].get(v).isPending() && (object == null || object == v) &&
                            analysis.identity().onlyThroughPhi(v, states[i], phi, analysis.blockOf(merge), false) && (fieldsMayBeVirtual || !states[i].hasVirtualFields(v))) {
                object = v;
            } else {
                return null;
            }
        }
        if (!anyOther || !(object instanceof VirtualInstanceNode instance)) {
            return null;
        }
        for (ResolvedJavaField field : instance.getFields()) {
            if (field.isVolatile()) {
                return null;
            }
        }
        if (constant != null && !instance.type().equals(analysis.providers().getMetaAccess().lookupJavaType(constant))) {
            return null;
        }
        return object;
    }

    private ObjectState nullableState(VirtualObjectNode object, PhiNode phi, AbstractMergeNode merge, HIRBlock block, BlockState[] states, HIRBlock[] preds) {
        ValueNode[] real = new ValueNode[states.length];
        for (int i = 0; i < states.length; i++) {
            ValueNode input = analysis.resolve(in(phi, i), states[i]);
            real[i] = input == object ? null : input;
        }
        return pending((VirtualInstanceNode) object, real, merge, block, states, preds);
    }

    /** The input of graph phi {@code phi} from the {@code i}-th predecessor that takes part. */
    private ValueNode in(PhiNode phi, int i) {
        return phi.valueAt(phiIndex[i]);
    }

    private HIRBlock[] predecessorsOf(AbstractMergeNode merge) {
        HIRBlock[] preds = new HIRBlock[merge.phiPredecessorCount()];
        for (int i = 0; i < preds.length; i++) {
            preds[i] = analysis.blockOf(merge.phiPredecessorAt(i));
        }
        return preds;
    }

    /** The pending state of an object real on some predecessors. */
    private ObjectState pendingState(VirtualInstanceNode object, AbstractMergeNode merge, HIRBlock block, BlockState[] states, HIRBlock[] preds) {
        ValueNode[] real = new ValueNode[states.length];
        for (int i = 0; i < states.length; i++) {
            ObjectState o = states[i].get(object);
            real[i] = o.isVirtual() ? null : o.materializedValue();
        }
        return pending(object, real, merge, block, states, preds);
    }

    /**
     * The pending state of {@code object}, virtual on the predecessors where {@code real} is null
     * and that value elsewhere: its field phis take the virtual object's entries, the fields
     * loaded at the end of a path where it is real, and default values where it is {@code null}
     * (never read: a null check must prove the object there first). With {@code null} among the
     * real values it gets a 1/0 phi telling whether it is there.
     */
    private ObjectState pending(VirtualInstanceNode object, ValueNode[] real, AbstractMergeNode merge, HIRBlock block, BlockState[] states, HIRBlock[] preds) {
        Effects effects = analysis.effectsOf(block);
        ValueNode[][] fields = new ValueNode[states.length][];
        ValueNode[] flags = new ValueNode[states.length];
        boolean anyNull = false;
        for (int i = 0; i < states.length; i++) {
            flags[i] = ConstantNode.forInt(real[i] != null && real[i].isNullConstant() ? 0 : 1);
            if (real[i] == null) {
                ObjectState o = states[i].get(object);
                fields[i] = new ValueNode[o.entryCount()];
                for (int j = 0; j < o.entryCount(); j++) {
                    fields[i][j] = analysis.resolve(o.entry(j), states[i]);
                }
            } else if (real[i].isNullConstant()) {
                anyNull = true;
                fields[i] = new ValueNode[object.entryCount()];
                for (int j = 0; j < fields[i].length; j++) {
                    fields[i][j] = ConstantNode.defaultForKind(object.entryKind(analysis.providers().getMetaAccessExtensionProvider(), j));
                }
            } else {
                fields[i] = loadFields(object, real[i], preds[i]);
            }
        }
        ValueNode[] entries = new ValueNode[object.entryCount()];
        for (int j = 0; j < entries.length; j++) {
            ValueNode[] values = new ValueNode[states.length];
            for (int i = 0; i < states.length; i++) {
                values[i] = fields[i][j];
            }
            entries[j] = valueOrPhi(merge, block, effects, values);
        }
        BlockState[] snapshots = new BlockState[states.length];
        for (int i = 0; i < states.length; i++) {
            snapshots[i] = states[i].copy();
        }
        // Without a null among the values the object is never absent: no flag, reads need no null check.
        return ObjectState.pending(entries, new PendingMerge(merge, block, preds, snapshots, real, phiIndex, anyNull ? newPhi(merge, block, effects, flags) : null));
    }

    /** Loads of the fields of {@code real}, an object of {@code object}'s class, at the end of {@code pred}. */
    private ValueNode[] loadFields(VirtualInstanceNode object, ValueNode real, HIRBlock pred) {
        ValueNode[] fields = new ValueNode[object.entryCount()];
        for (int j = 0; j < fields.length; j++) {
            ConstantNode folded = real.isJavaConstant() ? ConstantFoldUtil.tryConstantFold(analysis.providers().getConstantFieldProvider(), analysis.providers().getConstantReflection(),
                            analysis.providers().getMetaAccess(), object.field(j), real.asJavaConstant(), analysis.graph().getOptions(), real) : null;
            if (folded != null) {
                // A final field of a constant (Optional.EMPTY's value): a later branch can tell its outcome on this path.
                fields[j] = folded;
                continue;
            }
            LoadFieldNode load = LoadFieldNode.create(analysis.graph().getAssumptions(), real, object.field(j));
            analysis.created(load, pred);
            analysis.effectsOf(pred).addFixedBefore(Analysis.endOf(pred), load);
            fields[j] = load;
        }
        return fields;
    }

    /**
     * Objects {@code inputs} (one per predecessor) meeting as {@code merged}, put into
     * {@code result}: its fields are phis where they differ, or merged objects of their own where
     * they hold objects that meet too (nested: a guest object holding an array holding boxes).
     */
    private VirtualObjectNode mergeObjects(VirtualObjectNode merged, AbstractMergeNode merge, HIRBlock block, Effects effects, VirtualObjectNode[] inputs, BlockState[] states,
                    BlockState result) {
        ObjectState fields = states[0].get(inputs[0]);
        for (int j = 0; j < fields.entryCount(); j++) {
            VirtualObjectNode[] nested = differs(inputs, j, states) ? mergeableEntries(inputs, j, states, block) : null;
            if (nested != null) {
                fields = fields.withEntry(j, mergeObjects(analysis.mergedObject(nested[0], nested[0]), merge, block, effects, nested, states, result));
                continue;
            }
            ValueNode[] values = new ValueNode[states.length];
            for (int i = 0; i < states.length; i++) {
                values[i] = analysis.resolve(states[i].get(inputs[i]).entry(j), states[i]);
            }
            fields = fields.withEntry(j, valueOrPhi(merge, block, effects, values));
        }
        result.put(merged, fields);
        analysis.decisions().merged(merged, inputs[0]);
        return merged;
    }

    /** Like {@link #mergeable}, for the objects that field {@code j} of {@code object} holds in each predecessor. */
    private VirtualObjectNode[] mergeableField(VirtualObjectNode object, int j, BlockState[] states, HIRBlock mergeBlock) {
        return mergeableEntries(holders(object, states), j, states, mergeBlock);
    }

    /** {@code object} as the holder in every predecessor. */
    private static VirtualObjectNode[] holders(VirtualObjectNode object, BlockState[] states) {
        VirtualObjectNode[] holders = new VirtualObjectNode[states.length];
        Arrays.fill(holders, object);
        return holders;
    }

    /** The same for field {@code j} of {@code holders} (one per predecessor). */
    private VirtualObjectNode[] mergeableEntries(VirtualObjectNode[] holders, int j, BlockState[] states, HIRBlock mergeBlock) {
        if (isExceptionMerge(mergeBlock)) {
            return null;
        }
        VirtualObjectNode[] inputs = new VirtualObjectNode[states.length];
        for (int i = 0; i < states.length; i++) {
            if (!(states[i].get(holders[i]).entry(j) instanceof VirtualObjectNode v) || !states[i].isVirtual(v) || !Identity.sameShape(v, inputs[0] == null ? v : inputs[0]) ||
                            !analysis.identity().onlyThroughField(v, states[i], mergeBlock, false)) {
                return null;
            }
            inputs[i] = v;
        }
        return inputs;
    }

    /** The one value all predecessors agree on, or a new phi of {@code values}. */
    private ValueNode valueOrPhi(AbstractMergeNode merge, HIRBlock block, Effects effects, ValueNode[] values) {
        for (ValueNode v : values) {
            if (v != values[0]) {
                return newPhi(merge, block, effects, values);
            }
        }
        return values[0];
    }

    private ValuePhiNode newPhi(AbstractMergeNode merge, HIRBlock block, Effects effects, ValueNode[] values) {
        ValuePhiNode phi = phiOf(merge, values, phiIndex);
        analysis.created(phi, block);
        effects.addFloating(phi);
        return phi;
    }

    /**
     * A phi of {@code values} whose stamp admits every one of them. A narrower stamp is a
     * miscompile: with null at some inputs and an object at others, a stamp taken from the null
     * inputs alone says "always null", and the canonicalizer folds the phi to null.
     */
    static ValuePhiNode phiOf(AbstractMergeNode merge, ValueNode[] values, int[] inputs) {
        Stamp stamp = values[0].stamp(NodeView.DEFAULT);
        for (ValueNode v : values) {
            stamp = stamp.meet(v.stamp(NodeView.DEFAULT));
        }
        // An unreachable predecessor's input goes with its branch; until then it repeats a live one.
        ValueNode[] all = new ValueNode[merge.phiPredecessorCount()];
        Arrays.fill(all, values[0]);
        for (int i = 0; i < inputs.length; i++) {
            all[inputs[i]] = values[i];
        }
        return new ValuePhiNode(stamp, merge, all);
    }

    private void connectPhis(AbstractMergeNode merge, HIRBlock block, BlockState[] states, HIRBlock[] preds, BlockState result) {
        Effects effects = analysis.effectsOf(block);
        for (PhiNode phi : merge.valuePhis()) {
            analysis.unalias(phi);
            VirtualObjectNode same = sameVirtual(phi, states);
            if (same != null && result.isVirtual(same) && !isExceptionMerge(block)) {
                analysis.alias(phi, same);
                continue;
            }
            VirtualObjectNode maybe = nullable(phi, states, merge);
            if (maybe != null) {
                result.put(maybe, nullableState(maybe, phi, merge, block, states, preds));
                analysis.alias(phi, maybe);
                continue;
            }
            VirtualObjectNode[] inputs = mergeable(phi, states, block, 0);
            if (inputs != null) {
                analysis.alias(phi, mergeObjects(analysis.mergedObject(phi, inputs[0]), merge, block, effects, inputs, states, result));
                continue;
            }
            for (int i = 0; i < states.length; i++) {
                ValueNode value = analysis.resolve(in(phi, i), states[i]);
                if (value != in(phi, i)) {
                    setPhiInput(effects, phi, phiIndex[i], value);
                }
            }
        }
    }

    static void setPhiInput(Effects effects, PhiNode phi, int index, ValueNode value) {
        effects.add("set phi input", phi, graph -> {
            if (!Effects.gone(graph, phi)) {
                phi.setValueAt(index, Effects.alive(graph, value));
            }
        });
    }

    private static boolean differs(VirtualObjectNode object, int j, BlockState[] states) {
        return differs(holders(object, states), j, states);
    }

    /** Whether field {@code j} of {@code holders} (one per predecessor) holds different values. */
    private static boolean differs(VirtualObjectNode[] holders, int j, BlockState[] states) {
        ValueNode first = states[0].get(holders[0]).entry(j);
        for (int i = 1; i < states.length; i++) {
            if (states[i].get(holders[i]).entry(j) != first) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameLocks(VirtualObjectNode object, BlockState[] states) {
        for (BlockState s : states) {
            if (!s.get(object).locks().equals(states[0].get(object).locks())) {
                return false;
            }
        }
        return true;
    }

    /** Objects every predecessor knows; others cannot be reached after the merge except through phis. */
    static List<VirtualObjectNode> common(BlockState[] states) {
        List<VirtualObjectNode> result = new ArrayList<>();
        for (VirtualObjectNode object : states[0].objects()) {
            boolean everywhere = true;
            for (BlockState s : states) {
                everywhere &= s.contains(object);
            }
            if (everywhere) {
                result.add(object);
            }
        }
        return result;
    }
}
