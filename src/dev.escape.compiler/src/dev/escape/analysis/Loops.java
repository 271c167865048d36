package dev.escape.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.graalvm.collections.EconomicMap;
import org.graalvm.collections.EconomicSet;
import org.graalvm.collections.Equivalence;

import dev.escape.decisions.Materialization.Cause;
import jdk.graal.compiler.core.common.cfg.CFGLoop;
import jdk.graal.compiler.nodes.LoopBeginNode;
import jdk.graal.compiler.nodes.LoopExitNode;
import jdk.graal.compiler.nodes.NodeView;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.ValueProxyNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * Loops are analyzed to a fixed point. The header starts from the state at the loop entry plus
 * what earlier iterations learned (fields that need phis, objects that must be real at entry,
 * graph phis that cannot follow one virtual object, phis and fields whose objects, replaced in
 * every iteration, are carried as one merged virtual object, nested objects as merged fields of
 * it); the body is analyzed, and the states at the back edges are checked against the header's
 * assumptions. After {@link Analysis#MAX_LOOP_ITERATIONS} the loop is cut off: every object
 * virtual at entry is materialized there.
 */
final class Loops {
    private final Analysis analysis;
    private final Map<LoopBeginNode, Effects> entryEffects = new IdentityHashMap<>();
    private final Map<LoopBeginNode, Effects> backEdgeEffects = new LinkedHashMap<>();
    /** Loops that walk objects virtual at their entry, with how often to peel them ({@link WalkPeeling}). */
    private final Map<LoopBeginNode, WalkPeeling.Walk> walks = new LinkedHashMap<>();

    Loops(Analysis analysis) {
        this.analysis = analysis;
    }

    Effects entryEffects(LoopBeginNode loopBegin) {
        return effectsOf(entryEffects, loopBegin);
    }

    /** {@code blocks} in the order of their ids, sorted as numbers (no comparator: see the package documentation). */
    private static List<HIRBlock> byId(List<HIRBlock> blocks) {
        long[] order = new long[blocks.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = ((long) blocks.get(i).getId() << 32) | i;
        }
        Arrays.sort(order);
        List<HIRBlock> sorted = new ArrayList<>(order.length);
        for (long key : order) {
            sorted.add(blocks.get((int) key));
        }
        return sorted;
    }

    private static Effects effectsOf(Map<LoopBeginNode, Effects> byLoop, LoopBeginNode loopBegin) {
        Effects effects = byLoop.get(loopBegin);
        if (effects == null) {
            effects = new Effects();
            byLoop.put(loopBegin, effects);
        }
        return effects;
    }

    Map<LoopBeginNode, WalkPeeling.Walk> walks() {
        return walks;
    }

    /** The loops' own effects (at their entries and back edges), for a look before they are applied. */
    void forEachEffects(Consumer<Effects> action) {
        for (Effects effects : entryEffects.values()) {
            action.accept(effects);
        }
        for (Effects effects : backEdgeEffects.values()) {
            action.accept(effects);
        }
    }

    void applyBackEdgeEffects(StructuredGraph graph) {
        for (Effects effects : backEdgeEffects.values()) {
            effects.apply(graph);
        }
    }

    /** What the header may assume, grown by each iteration that found an assumption wrong. */
    private static final class Plan {
        final EconomicSet<VirtualObjectNode> realAtEntry = EconomicSet.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        /**
         * Objects that some back edge has real, or virtual without {@link ObjectState#ensureVirtualized()}:
         * they may be made real at the entry even where they must stay virtual there (as at a merge).
         */
        final EconomicSet<VirtualObjectNode> allocatable = EconomicSet.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        final EconomicMap<VirtualObjectNode, Set<Integer>> phiFields = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        final Set<PhiNode> realPhis = new LinkedHashSet<>();
        /** Graph phis whose entry and back-edge objects become one new virtual object. */
        final Set<PhiNode> mergedPhis = new LinkedHashSet<>();
        /** Fields whose entry and back-edge objects become one new virtual object (the loop analog of a merged field). */
        final Set<FieldSlot> mergedFields = new LinkedHashSet<>();
        /** Fields that were merged once and then failed: they stay plain field phis. */
        final Set<FieldSlot> unmergeableFields = new LinkedHashSet<>();
        /** This round's new object for each merged field. */
        final Map<VirtualObjectNode, FieldSlot> fieldObjects = new IdentityHashMap<>();
        Cause entryCause = Cause.MERGE;
        /** Set when building the header state already proved an assumption wrong. */
        boolean dirty;

        /** Gives up on keeping {@code phi}'s objects virtual: it gets real inputs from now on. */
        void makeReal(PhiNode phi, VirtualObjectNode entryObject) {
            mergedPhis.remove(phi);
            realPhis.add(phi);
            if (entryObject != null) {
                realAtEntry.add(entryObject);
            }
            dirty = true;
        }

        /** Gives up on merging the objects of {@code slot}: its field phi gets real inputs from now on. */
        void unmerge(FieldSlot slot) {
            mergedFields.remove(slot);
            unmergeableFields.add(slot);
            dirty = true;
        }

        /** The object must be real at entry; a field's merged object cannot be, so its field stops merging. */
        boolean needRealAtEntry(VirtualObjectNode object) {
            FieldSlot slot = fieldObjects.get(object);
            if (slot == null) {
                return realAtEntry.add(object);
            }
            if (mergedFields.contains(slot)) {
                unmerge(slot);
                return true;
            }
            return false;
        }
    }

    /** Field {@code index} of virtual object {@code holder} (nodes compared by identity: their hash codes change). */
    private record FieldSlot(VirtualObjectNode holder, int index) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FieldSlot f && f.holder == holder && f.index == index;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(holder) * 31 + index;
        }
    }

    void process(CFGLoop<HIRBlock> loop) {
        HIRBlock header = loop.getHeader();
        LoopBeginNode loopBegin = (LoopBeginNode) header.getBeginNode();
        List<HIRBlock> body = byId(loop.getBlocks());
        BlockState entry = analysis.endState(analysis.blockOf(loopBegin.forwardEnd()));
        if (entry.isDead()) {
            // Unreachable (its branch is removed): so is every block of the loop.
            for (HIRBlock block : body) {
                analysis.replaceEndState(block, BlockState.dead());
            }
            return;
        }
        WalkPeeling.Walk walk = WalkPeeling.walkOf(loopBegin, entry, analysis);
        if (walk != null) {
            walks.put(loopBegin, walk);
        } else {
            walks.remove(loopBegin);
        }
        Plan plan = new Plan();
        for (int iteration = 0; iteration <= Analysis.MAX_LOOP_ITERATIONS; iteration++) {
            if (iteration == Analysis.MAX_LOOP_ITERATIONS) {
                cutOff(entry, loopBegin, plan);
            }
            Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis = new IdentityHashMap<>();
            plan.dirty = false;
            BlockState headerState = start(loop, loopBegin, entry, plan, phis);
            analysis.processBlock(header, headerState.copy());
            analysis.processRegion(body, loop);
            if (check(loopBegin, entry, headerState, plan, phis) && !plan.dirty) {
                finish(loopBegin, headerState, plan, phis);
                return;
            }
            if (iteration == Analysis.MAX_LOOP_ITERATIONS) {
                throw new Unsupported("loop analysis did not settle after cut-off at " + loopBegin);
            }
        }
    }

    private void cutOff(BlockState entry, LoopBeginNode loopBegin, Plan plan) {
        plan.entryCause = Cause.LOOP_CUTOFF;
        plan.phiFields.clear();
        for (VirtualObjectNode object : entry.objects()) {
            if (entry.isVirtual(object)) {
                plan.realAtEntry.add(object);
            }
        }
        plan.realPhis.addAll(loopBegin.valuePhis().snapshot());
        plan.mergedPhis.clear();
        plan.mergedFields.clear();
    }

    /** Clears earlier iterations' effects and builds the header state from the entry state and the plan. */
    private BlockState start(CFGLoop<HIRBlock> loop, LoopBeginNode loopBegin, BlockState entry, Plan plan, Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis) {
        for (HIRBlock block : loop.getBlocks()) {
            analysis.effectsOf(block).clear();
            if (block.isLoopHeader()) {
                entryEffects((LoopBeginNode) block.getBeginNode()).clear();
                backEdgeEffects((LoopBeginNode) block.getBeginNode()).clear();
            }
        }
        Effects atEntry = entryEffects(loopBegin);
        BlockState state = entry.copy();
        analysis.pending().materializeAll(state, atEntry, loopBegin.forwardEnd(), loopBegin, analysis.blockOf(loopBegin));
        for (VirtualObjectNode object : plan.realAtEntry) {
            if (state.isVirtual(object)) {
                if (plan.allocatable.contains(object)) {
                    state.setEnsureVirtualized(object, false);
                }
                analysis.materialize(object, state, atEntry, loopBegin.forwardEnd(), loopBegin, plan.entryCause);
            }
        }
        // Phis of the graph need real entry values unless they follow one virtual object.
        HIRBlock header = analysis.blockOf(loopBegin);
        plan.fieldObjects.clear();
        for (PhiNode phi : loopBegin.valuePhis()) {
            ValueNode in = analysis.resolve(phi.valueAt(0), state);
            if (in instanceof VirtualObjectNode v && state.isVirtual(v)) {
                if (plan.realPhis.contains(phi)) {
                    throw new IllegalStateException("a real phi whose entry object is still virtual: " + phi);
                }
                if (plan.mergedPhis.contains(phi)) {
                    analysis.alias(phi, mergedAtHeader(analysis.mergedObject(phi, v), v, state, loopBegin, atEntry, plan, phis));
                } else {
                    analysis.alias(phi, v);
                }
            } else {
                if (plan.mergedPhis.contains(phi)) {
                    plan.makeReal(phi, null);
                }
                analysis.alias(phi, phi);
                if (in != phi.valueAt(0)) {
                    Merges.setPhiInput(atEntry, phi, 0, in);
                }
            }
        }
        for (FieldSlot slot : new ArrayList<>(plan.mergedFields)) {
            if (!state.isVirtual(slot.holder()) || slot.equals(plan.fieldObjects.get(state.get(slot.holder()).entry(slot.index())))) {
                continue; // not virtual here, or a field of a merged object, already merged with it
            }
            if (!(state.get(slot.holder()).entry(slot.index()) instanceof VirtualObjectNode v) || !entryMergeable(v, state, header)) {
                plan.unmerge(slot);
                continue;
            }
            VirtualObjectNode merged = mergedAtHeader(analysis.mergedObject(v, v), v, state, loopBegin, atEntry, plan, phis);
            state.put(slot.holder(), state.get(slot.holder()).withEntry(slot.index(), merged));
            plan.fieldObjects.put(merged, slot);
        }
        for (VirtualObjectNode object : plan.phiFields.getKeys()) {
            if (!state.isVirtual(object)) {
                continue;
            }
            ObjectState s = state.get(object);
            for (int j : plan.phiFields.get(object)) {
                ValuePhiNode phi = fieldPhi(loopBegin, header, atEntry, analysis.resolve(s.entry(j), state));
                Map<Integer, ValuePhiNode> objectPhis = phis.get(object);
                if (objectPhis == null) {
                    objectPhis = new LinkedHashMap<>();
                    phis.put(object, objectPhis);
                }
                objectPhis.put(j, phi);
                s = s.withEntry(j, phi);
            }
            state.put(object, s);
        }
        return state;
    }

    /**
     * A new virtual object standing for {@code entryObject} and its successors around the loop.
     * Every field is a phi, except one holding a virtual object that can itself be merged (an
     * object holding an array holding boxes, carried around the loop): that field holds a merged
     * object of its own, as a merged field of this one.
     */
    private VirtualObjectNode mergedAtHeader(VirtualObjectNode merged, VirtualObjectNode entryObject, BlockState state, LoopBeginNode loopBegin, Effects atEntry, Plan plan,
                    Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis) {
        HIRBlock header = analysis.blockOf(loopBegin);
        ObjectState fields = state.get(entryObject);
        Map<Integer, ValuePhiNode> fieldPhis = new LinkedHashMap<>();
        for (int j = 0; j < fields.entryCount(); j++) {
            ValueNode value = analysis.resolve(fields.entry(j), state);
            FieldSlot slot = new FieldSlot(merged, j);
            if (value instanceof VirtualObjectNode nested && !plan.unmergeableFields.contains(slot) && entryMergeable(nested, state, header)) {
                VirtualObjectNode nestedMerged = mergedAtHeader(analysis.mergedObject(nested, nested), nested, state, loopBegin, atEntry, plan, phis);
                plan.mergedFields.add(slot);
                plan.fieldObjects.put(nestedMerged, slot);
                fields = fields.withEntry(j, nestedMerged);
                continue;
            }
            ValuePhiNode fieldPhi = fieldPhi(loopBegin, header, atEntry, value);
            fieldPhis.put(j, fieldPhi);
            fields = fields.withEntry(j, fieldPhi);
        }
        phis.put(merged, fieldPhis);
        state.put(merged, fields);
        analysis.decisions().merged(merged, entryObject);
        return merged;
    }

    /** Whether the object a field holds at the loop entry can be the first of a merged field's objects. */
    private boolean entryMergeable(VirtualObjectNode object, BlockState entry, HIRBlock header) {
        return entry.isVirtual(object) && !entry.get(object).isPending() && analysis.identity().onlyThroughFieldIntoLoop(object, entry, header);
    }

    private ValuePhiNode fieldPhi(LoopBeginNode loopBegin, HIRBlock header, Effects atEntry, ValueNode initial) {
        ValuePhiNode phi = new ValuePhiNode(initial.stamp(NodeView.DEFAULT).unrestricted(), loopBegin, initial);
        analysis.created(phi, header);
        atEntry.addFloating(phi);
        return phi;
    }

    /** The object a merged phi gets around back edge {@code k}, if it can merge with the others; else null. */
    private VirtualObjectNode mergeableBackEdge(PhiNode phi, VirtualObjectNode merged, BlockState end, int k, HIRBlock header) {
        return analysis.resolve(phi.valueAt(k), end) instanceof VirtualObjectNode back ? mergeableBack(back, merged, end, phi, header) : null;
    }

    /** As {@link #mergeableBackEdge}, for the object field {@code index} of {@code backHolder} holds at a loop end. */
    private VirtualObjectNode mergeableBackField(VirtualObjectNode backHolder, int index, VirtualObjectNode merged, BlockState end, HIRBlock header) {
        if (!end.isVirtual(backHolder) || !(end.get(backHolder).entry(index) instanceof VirtualObjectNode back)) {
            return null;
        }
        return mergeableBack(back, merged, end, null, header);
    }

    /** {@code back} if it can meet {@code merged} at the header, carried by {@code phi} (or by a field if null). */
    private VirtualObjectNode mergeableBack(VirtualObjectNode back, VirtualObjectNode merged, BlockState end, PhiNode phi, HIRBlock header) {
        if (!end.isVirtual(back)) {
            return null;
        }
        if (back == merged) {
            return back;
        }
        boolean onlyThrough = phi != null ? analysis.identity().onlyThroughPhi(back, end, phi, header, true) : analysis.identity().onlyThroughField(back, end, header, true);
        // Fields of back holding virtual objects: a nested merged field checks its own, a phi makes them real at the loop end.
        if (!Identity.sameShape(back, merged) || !onlyThrough) {
            return null;
        }
        return back;
    }

    /**
     * True if every back edge agrees with what the header assumed; otherwise grows the plan. Per
     * back edge, in this order (each sees the plan the ones before grew): merged phis, merged
     * fields, the objects the header keeps virtual, new phis of objects; then, over all back
     * edges, what field phis and real phis need real.
     */
    private boolean check(LoopBeginNode loopBegin, BlockState entry, BlockState header, Plan plan, Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis) {
        boolean stable = true;
        HIRBlock headerBlock = analysis.blockOf(loopBegin);
        for (int k = 1; k < loopBegin.phiPredecessorCount(); k++) {
            BlockState end = analysis.endState(analysis.blockOf(loopBegin.phiPredecessorAt(k)));
            if (end.isDead()) {
                continue; // an unreachable back edge (its branch is removed) assumes nothing
            }
            stable &= mergedPhisHold(loopBegin, entry, header, plan, end, k, headerBlock);
            stable &= mergedFieldsHold(loopBegin, header, plan, end, k, headerBlock);
            stable &= virtualObjectsHold(loopBegin, entry, header, plan, phis, end, headerBlock);
            stable &= objectPhisHold(loopBegin, entry, header, plan, end, k, headerBlock);
        }
        stable &= fieldPhiEntriesReal(header, plan, phis);
        stable &= backEdgeValuesRealOutsideHeader(loopBegin, header, plan, phis);
        return stable;
    }

    /** A phi merged into one virtual object stays merged only while back edge {@code k} brings a mergeable object. */
    private boolean mergedPhisHold(LoopBeginNode loopBegin, BlockState entry, BlockState header, Plan plan, BlockState end, int k, HIRBlock headerBlock) {
        boolean stable = true;
        for (PhiNode phi : loopBegin.valuePhis()) {
            if (plan.mergedPhis.contains(phi) && analysis.resolve(phi, header) instanceof VirtualObjectNode merged &&
                            mergeableBackEdge(phi, merged, end, k, headerBlock) == null) {
                plan.makeReal(phi, analysis.resolve(phi.valueAt(0), entry) instanceof VirtualObjectNode v ? v : null);
                stable = false;
            }
        }
        return stable;
    }

    /** The same for a field of a virtual object merged into one virtual object. */
    private boolean mergedFieldsHold(LoopBeginNode loopBegin, BlockState header, Plan plan, BlockState end, int k, HIRBlock headerBlock) {
        boolean stable = true;
        for (Map.Entry<VirtualObjectNode, FieldSlot> e : plan.fieldObjects.entrySet()) {
            FieldSlot slot = e.getValue();
            if (plan.mergedFields.contains(slot) &&
                            mergeableBackField(backSource(loopBegin, header, plan, slot.holder(), end, k), slot.index(), e.getKey(), end, headerBlock) == null) {
                plan.unmerge(slot);
                stable = false;
            }
        }
        return stable;
    }

    /**
     * An object the header keeps virtual must be virtual at the back edge, with the same locks;
     * each field that differs there gets a phi, or, for a field holding objects that can be one,
     * a merged field.
     */
    private boolean virtualObjectsHold(LoopBeginNode loopBegin, BlockState entry, BlockState header, Plan plan, Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis, BlockState end,
                    HIRBlock headerBlock) {
        boolean stable = true;
        for (VirtualObjectNode object : header.objects()) {
            if (!header.isVirtual(object) || isMerged(object, loopBegin, header, plan) || plan.fieldObjects.containsKey(object)) {
                continue;
            }
            if (!end.isVirtual(object) || end.get(object).isPending() || !end.get(object).locks().equals(header.get(object).locks())) {
                if (!end.mustStayVirtual(object)) {
                    plan.allocatable.add(object);
                }
                stable &= !plan.realAtEntry.add(object);
                continue;
            }
            for (int j = 0; j < header.get(object).entryCount(); j++) {
                ValueNode assumed = header.get(object).entry(j);
                ValueNode actual = end.get(object).entry(j);
                boolean hasPhi = phis.containsKey(object) && phis.get(object).containsKey(j);
                FieldSlot slot = new FieldSlot(object, j);
                if (assumed instanceof VirtualObjectNode m && slot.equals(plan.fieldObjects.get(m))) {
                    continue; // checked by mergedFieldsHold
                }
                if (actual != assumed && !hasPhi && !plan.unmergeableFields.contains(slot) && assumed instanceof VirtualObjectNode v &&
                                actual instanceof VirtualObjectNode && entryMergeable(v, entry, headerBlock) && mergeableBackField(object, j, v, end, headerBlock) != null) {
                    plan.mergedFields.add(slot);
                    stable = false;
                } else if (actual != assumed && !hasPhi) {
                    if (!plan.phiFields.containsKey(object)) {
                        plan.phiFields.put(object, new LinkedHashSet<>());
                    }
                    stable &= !plan.phiFields.get(object).add(j);
                } else if (hasPhi && assumed instanceof VirtualObjectNode v && header.isVirtual(v)) {
                    stable &= !plan.needRealAtEntry(v);
                }
            }
        }
        return stable;
    }

    /** A phi of a virtual object whose back edge brings another value: one new virtual object for both, or a real phi. */
    private boolean objectPhisHold(LoopBeginNode loopBegin, BlockState entry, BlockState header, Plan plan, BlockState end, int k, HIRBlock headerBlock) {
        boolean stable = true;
        for (PhiNode phi : loopBegin.valuePhis()) {
            ValueNode in0 = analysis.resolve(phi, header);
            if (in0 instanceof VirtualObjectNode v && !plan.mergedPhis.contains(phi) && analysis.resolve(phi.valueAt(k), end) != v) {
                // Try one new virtual object for the entry and back-edge objects; else the phi is real.
                if (analysis.identity().onlyThroughPhi(v, entry, phi, headerBlock, false) && mergeableBackEdge(phi, v, end, k, headerBlock) != null) {
                    plan.mergedPhis.add(phi);
                } else {
                    plan.makeReal(phi, v);
                }
                stable = false;
            }
        }
        return stable;
    }

    /** Field phis need real entry values. */
    private static boolean fieldPhiEntriesReal(BlockState header, Plan plan, Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis) {
        boolean stable = true;
        for (Map<Integer, ValuePhiNode> fields : phis.values()) {
            for (ValuePhiNode phi : fields.values()) {
                if (phi.valueAt(0) instanceof VirtualObjectNode v && header.isVirtual(v)) {
                    stable &= !plan.needRealAtEntry(v);
                }
            }
        }
        return stable;
    }

    /**
     * What a back edge must make real for a phi must not be (or reach) an object the header keeps
     * virtual: it would be allocated at the loop end and still be virtual in the loop.
     */
    private boolean backEdgeValuesRealOutsideHeader(LoopBeginNode loopBegin, BlockState header, Plan plan, Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis) {
        boolean stable = true;
        for (int k = 1; k < loopBegin.phiPredecessorCount(); k++) {
            BlockState end = analysis.endState(analysis.blockOf(loopBegin.phiPredecessorAt(k)));
            if (end.isDead()) {
                continue;
            }
            List<ValueNode> needReal = new ArrayList<>();
            for (Map.Entry<VirtualObjectNode, Map<Integer, ValuePhiNode>> e : phis.entrySet()) {
                VirtualObjectNode source = backSource(loopBegin, header, plan, e.getKey(), end, k);
                if (end.isVirtual(source)) {
                    for (int j : e.getValue().keySet()) {
                        needReal.add(end.get(source).entry(j));
                    }
                }
            }
            for (PhiNode phi : loopBegin.valuePhis()) {
                if (!(analysis.resolve(phi, header) instanceof VirtualObjectNode)) {
                    needReal.add(phi.valueAt(k));
                }
            }
            for (ValueNode value : needReal) {
                if (analysis.resolve(value, end) instanceof VirtualObjectNode v && end.isVirtual(v)) {
                    for (VirtualObjectNode reached : end.reachableVirtual(v, null)) {
                        if (header.isVirtual(reached)) {
                            stable &= !plan.needRealAtEntry(reached);
                        }
                    }
                }
            }
        }
        return stable;
    }

    /** The object whose fields feed the field phis of {@code object} around back edge {@code k}. */
    private VirtualObjectNode backSource(LoopBeginNode loopBegin, BlockState header, Plan plan, VirtualObjectNode object, BlockState end, int k) {
        FieldSlot slot = plan.fieldObjects.get(object);
        if (slot != null) {
            VirtualObjectNode holder = backSource(loopBegin, header, plan, slot.holder(), end, k);
            if (end.isVirtual(holder) && end.get(holder).entry(slot.index()) instanceof VirtualObjectNode back) {
                return back;
            }
        }
        for (PhiNode phi : loopBegin.valuePhis()) {
            if (analysis.resolve(phi, header) == object && analysis.resolve(phi.valueAt(k), end) instanceof VirtualObjectNode back) {
                return back;
            }
        }
        return object;
    }

    private boolean isMerged(VirtualObjectNode object, LoopBeginNode loopBegin, BlockState header, Plan plan) {
        for (PhiNode phi : plan.mergedPhis) {
            if (analysis.resolve(phi, header) == object) {
                return true;
            }
        }
        return false;
    }

    /** Fills in the back-edge inputs of phis, materializing at a loop end what a phi needs real. */
    private void finish(LoopBeginNode loopBegin, BlockState header, Plan plan, Map<VirtualObjectNode, Map<Integer, ValuePhiNode>> phis) {
        Effects effects = backEdgeEffects(loopBegin);
        for (int k = 1; k < loopBegin.phiPredecessorCount(); k++) {
            HIRBlock endBlock = analysis.blockOf(loopBegin.phiPredecessorAt(k));
            if (analysis.endState(endBlock).isDead()) {
                // The input goes with the unreachable back edge's branch; until then, the entry value.
                for (Map<Integer, ValuePhiNode> fields : phis.values()) {
                    for (ValuePhiNode phi : fields.values()) {
                        effects.add("add loop phi input", phi, graph -> phi.addInput(Effects.alive(graph, phi.valueAt(0))));
                    }
                }
                continue;
            }
            BlockState end = analysis.endState(endBlock).copy();
            Map<VirtualObjectNode, VirtualObjectNode> backObjects = new IdentityHashMap<>();
            for (VirtualObjectNode object : phis.keySet()) {
                backObjects.put(object, backSource(loopBegin, header, plan, object, end, k));
            }
            for (Map.Entry<VirtualObjectNode, Map<Integer, ValuePhiNode>> e : phis.entrySet()) {
                VirtualObjectNode source = backObjects.get(e.getKey());
                for (Map.Entry<Integer, ValuePhiNode> field : e.getValue().entrySet()) {
                    ValueNode value = real(end.get(source).entry(field.getKey()), end, effects, endBlock, loopBegin);
                    ValuePhiNode phi = field.getValue();
                    effects.add("add loop phi input", phi, graph -> phi.addInput(Effects.alive(graph, value)));
                }
            }
            for (PhiNode phi : loopBegin.valuePhis()) {
                if (analysis.resolve(phi, header) instanceof VirtualObjectNode) {
                    continue;
                }
                ValueNode value = real(phi.valueAt(k), end, effects, endBlock, loopBegin);
                if (value != phi.valueAt(k)) {
                    Merges.setPhiInput(effects, phi, k, value);
                }
            }
        }
    }

    private ValueNode real(ValueNode value, BlockState state, Effects effects, HIRBlock endBlock, LoopBeginNode loopBegin) {
        ValueNode resolved = analysis.resolve(value, state);
        if (resolved instanceof VirtualObjectNode v && state.isVirtual(v)) {
            analysis.materialize(v, state, effects, Analysis.endOf(endBlock), loopBegin, Cause.MERGE);
            resolved = analysis.resolve(value, state);
        }
        return resolved;
    }

    private Effects backEdgeEffects(LoopBeginNode loopBegin) {
        return effectsOf(backEdgeEffects, loopBegin);
    }

    /**
     * Leaving a loop: fields of virtual objects and real objects computed inside the loop are
     * seen after it through proxies at the exit.
     */
    void exit(LoopExitNode exit, HIRBlock block, BlockState state) {
        CFGLoop<HIRBlock> loop = analysis.blockOf(exit.loopBegin()).getLoop();
        Effects effects = analysis.effectsOf(block);
        // A pending object's phis live inside the loop: allocate it before leaving.
        HIRBlock inside = block.getFirstPredecessor();
        analysis.pending().materializeAll(state, analysis.effectsOf(inside), inside.getEndNode(), exit, block);
        Map<ValueNode, ValueProxyNode> proxies = new IdentityHashMap<>();
        for (VirtualObjectNode object : state.objects()) {
            ObjectState s = state.get(object);
            if (s.isVirtual()) {
                for (int j = 0; j < s.entryCount(); j++) {
                    ValueNode v = s.entry(j);
                    if (!(v instanceof VirtualObjectNode) && inside(v, loop)) {
                        s = s.withEntry(j, proxy(v, exit, block, effects, proxies));
                    }
                }
                state.put(object, s);
            } else if (inside(s.materializedValue(), loop)) {
                state.put(object, ObjectState.materialized(proxy(s.materializedValue(), exit, block, effects, proxies)));
            }
        }
    }

    private ValueProxyNode proxy(ValueNode value, LoopExitNode exit, HIRBlock block, Effects effects, Map<ValueNode, ValueProxyNode> proxies) {
        ValueProxyNode proxy = proxies.get(value);
        if (proxy == null) {
            proxy = new ValueProxyNode(value, exit);
            analysis.created(proxy, block);
            effects.addFloating(proxy);
            proxies.put(value, proxy);
        }
        return proxy;
    }

    private boolean inside(ValueNode value, CFGLoop<HIRBlock> loop) {
        HIRBlock block = analysis.definingBlock(value);
        return block != null && block.getLoop() != null && block.getLoop().isAncestorOrSelf(loop);
    }
}
