package dev.escape.analysis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.collections.EconomicMap;
import org.graalvm.collections.Equivalence;

import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.Position;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.virtual.EscapeObjectState;
import jdk.graal.compiler.nodes.virtual.MaterializedObjectState;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectState;
import jdk.vm.ci.meta.JavaConstant;

/**
 * Keeps deoptimization exact: a frame state that refers to an object that is virtual at that
 * point gets the object's virtual node plus a {@link VirtualObjectState} describing its fields
 * (and, transitively, the virtual objects those refer to), so a deopt rebuilds exactly the object
 * the interpreter expects. References to materialized or replaced nodes are rewritten to the real
 * values. A frame state of the chain used elsewhere too is copied first (with the inner ones).
 */
final class FrameStates {
    private final Analysis analysis;
    /**
     * {@link #values} of the frame states seen: the effects change frame states only once the
     * analysis is over, and the outer states of a long chain (Truffle's, hundreds deep) are shared
     * by every node inside them.
     */
    private final Map<FrameState, ValueNode[]> values = new IdentityHashMap<>();

    FrameStates(Analysis analysis) {
        this.analysis = analysis;
    }

    void process(Node node, BlockState state, Effects effects) {
        for (Node input : node.inputs()) {
            if (input instanceof FrameState frameState) {
                process(node, frameState, state, effects);
            }
        }
    }

    private void process(Node user, FrameState frameState, BlockState state, Effects effects) {
        Map<ValueNode, ValueNode> replacements = new IdentityHashMap<>();
        // Per frame state of the chain (innermost first): the virtual objects it needs described.
        List<EconomicMap<VirtualObjectNode, ValueNode[]>> mappings = new ArrayList<>();
        // Objects pending past a merge: real (a phi) if that merge's object was allocated after all.
        EconomicMap<VirtualObjectNode, PendingMerge> pending = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        for (FrameState fs = frameState; fs != null; fs = fs.outerFrameState()) {
            EconomicMap<VirtualObjectNode, ValueNode[]> own = null;
            for (ValueNode value : values(fs)) {
                if (!analysis.mayStandForOther(value)) {
                    continue; // most values of a long chain: nothing to rewrite or describe
                }
                ValueNode alias = analysis.resolve(value, state);
                if (alias != value) {
                    replacements.put(value, alias);
                    // By the time this applies, the node may already stand replaced by its virtual object.
                    if (analysis.resolveAny(value) instanceof VirtualObjectNode virtual && virtual != alias) {
                        replacements.put(virtual, alias);
                    }
                }
                if (alias instanceof VirtualObjectNode virtual) {
                    own = own != null ? own : EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
                    describe(virtual, state, own);
                    if (state.get(virtual) != null && state.get(virtual).isPending()) {
                        pending.put(virtual, state.get(virtual).pendingMerge());
                    }
                }
            }
            if (own != null && !own.isEmpty()) {
                mappings.add(own);
            }
        }
        if (replacements.isEmpty() && mappings.isEmpty()) {
            return;
        }
        effects.add("describe virtual objects in frame state", frameState, graph -> {
            if (Effects.gone(graph, user) || Effects.gone(graph, frameState)) {
                return;
            }
            Map<ValueNode, ValueNode> now = new IdentityHashMap<>(replacements);
            for (VirtualObjectNode object : pending.getKeys()) {
                ValueNode real = analysis.pending().phiOf(pending.get(object));
                if (real != null) {
                    for (Map.Entry<ValueNode, ValueNode> e : now.entrySet()) {
                        if (e.getValue() == object) {
                            e.setValue(real);
                        }
                    }
                    now.put(object, real);
                }
            }
            // Descriptions go on the innermost state (deoptimization reads the whole chain's, the
            // innermost first), and an object that outer states name but that is real by now is
            // described there as materialized rather than rewritten in them, as Graal's phase does.
            // Only the states of the chain down to the outermost one whose values must still be
            // rewritten are made this user's own, and only those shared with other users are copied:
            // copying the whole chain for every user gave each inlined call's outer states one copy
            // per state inside the call, nodes that count against the inliner's
            // SmallCompiledLowLevelGraphSize when this method is a callee (issue 12).
            EconomicMap<VirtualObjectNode, ValueNode[]> described = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
            for (EconomicMap<VirtualObjectNode, ValueNode[]> own : mappings) {
                for (VirtualObjectNode object : own.getKeys()) {
                    if (!(now.get(object) != null && pending.containsKey(object))) { // else allocated after all: a real object
                        described.putIfAbsent(object, own.get(object));
                    }
                }
            }
            EconomicMap<VirtualObjectNode, ValueNode> materialized = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
            int deepest = described.isEmpty() && !refersTo(frameState, now, null) ? -1 : 0;
            int level = 1;
            for (FrameState fs = frameState.outerFrameState(); fs != null; fs = fs.outerFrameState(), level++) {
                if (refersTo(fs, now, materialized)) {
                    deepest = level;
                }
            }
            if (deepest < 0 && materialized.isEmpty()) {
                return;
            }
            deepest = Math.max(deepest, 0);
            FrameState inner = null;
            FrameState fs = frameState;
            for (level = 0; level <= deepest; level++) {
                if (fs.hasMoreThanOneUsage()) {
                    FrameState copy = copy(fs);
                    if (inner == null) {
                        user.replaceFirstInput(fs, copy);
                    } else {
                        inner.setOuterFrameState(copy);
                    }
                    fs = copy;
                }
                rewrite(fs, now, graph);
                if (level == 0) {
                    for (VirtualObjectNode object : described.getKeys()) {
                        ValueNode[] values = withoutDefaults(object, described.get(object));
                        for (ValueNode v : values) {
                            if (v != null) {
                                Effects.alive(graph, v);
                            }
                        }
                        describe(fs, graph.addOrUnique(new VirtualObjectState(Effects.alive(graph, object), values)));
                    }
                    for (VirtualObjectNode object : materialized.getKeys()) {
                        describe(fs, graph.addOrUnique(new MaterializedObjectState(Effects.alive(graph, object), Effects.alive(graph, materialized.get(object)))));
                    }
                }
                inner = fs;
                fs = fs.outerFrameState();
            }
        });
    }

    /**
     * The entries of a description, with those that hold their kind's default value left out (null:
     * deoptimization rebuilds them as the default), as Graal's phase describes them: a null constant
     * that only the description named would otherwise stay in the graph.
     */
    private ValueNode[] withoutDefaults(VirtualObjectNode object, ValueNode[] values) {
        ValueNode[] entries = values.clone();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null && entries[i].asJavaConstant() == JavaConstant.defaultForKind(object.entryKind(analysis.providers().getMetaAccessExtensionProvider(), i).getStackKind())) {
                entries[i] = null;
            }
        }
        return entries;
    }

    /** Adds {@code mapping} to {@code fs} in place of any description of the same object it has. */
    private static void describe(FrameState fs, EscapeObjectState mapping) {
        if (fs.virtualObjectMappings() != null) {
            for (int i = fs.virtualObjectMappings().size() - 1; i >= 0; i--) {
                if (fs.virtualObjectMappings().get(i).object() == mapping.object()) {
                    fs.virtualObjectMappings().remove(i);
                }
            }
        }
        fs.addVirtualObjectMapping(mapping);
    }

    /** A copy of {@code fs} sharing its outer state, with copies of its virtual object descriptions (rewritten in place later). */
    private static FrameState copy(FrameState fs) {
        FrameState copy = (FrameState) fs.copyWithInputs();
        if (copy.virtualObjectMappings() != null) {
            for (int i = 0; i < copy.virtualObjectMappings().size(); i++) {
                copy.virtualObjectMappings().set(i, copy.virtualObjectMappings().get(i).duplicateWithVirtualState());
            }
        }
        return copy;
    }

    /**
     * Whether {@code fs} has a value (or a value of its descriptions) that {@code replacements}
     * rewrites. With {@code materialized}, a virtual object that is to be replaced by a real value
     * is put there instead (described as materialized in the innermost state, not rewritten here).
     */
    private static boolean refersTo(FrameState fs, Map<ValueNode, ValueNode> replacements, EconomicMap<VirtualObjectNode, ValueNode> materialized) {
        boolean rewrite = false;
        for (ValueNode v : fs.values()) {
            rewrite |= refersTo(v, replacements, materialized);
        }
        if (fs.virtualObjectMappings() != null) {
            for (EscapeObjectState mapping : fs.virtualObjectMappings()) {
                for (Node in : mapping.inputs()) {
                    if (in instanceof ValueNode v && in != mapping.object()) {
                        rewrite |= refersTo(v, replacements, materialized);
                    }
                }
            }
        }
        return rewrite;
    }

    /** {@link #refersTo(FrameState, Map, EconomicMap)} for one value: true if it is to be rewritten. */
    private static boolean refersTo(ValueNode v, Map<ValueNode, ValueNode> replacements, EconomicMap<VirtualObjectNode, ValueNode> materialized) {
        ValueNode to = v == null ? null : replacements.get(v);
        if (to == null) {
            return false;
        }
        if (materialized != null && v instanceof VirtualObjectNode virtual && !(to instanceof VirtualObjectNode)) {
            materialized.put(virtual, to);
            return false;
        }
        return true;
    }

    /** The values of {@code fs} and of its descriptions (not the described objects), as the graph has them while the analysis runs. */
    private ValueNode[] values(FrameState fs) {
        ValueNode[] known = values.get(fs);
        if (known != null) {
            return known;
        }
        List<ValueNode> list = new ArrayList<>();
        for (ValueNode v : fs.values()) {
            if (v != null) {
                list.add(v);
            }
        }
        if (fs.virtualObjectMappings() != null) {
            for (EscapeObjectState mapping : fs.virtualObjectMappings()) {
                for (Node in : mapping.inputs()) {
                    if (in instanceof ValueNode v && !(in instanceof VirtualObjectNode)) {
                        list.add(v);
                    }
                }
            }
        }
        ValueNode[] result = list.toArray(new ValueNode[0]);
        values.put(fs, result);
        return result;
    }

    private static void rewrite(FrameState fs, Map<ValueNode, ValueNode> replacements, jdk.graal.compiler.nodes.StructuredGraph graph) {
        for (int i = 0; i < fs.values().size(); i++) {
            ValueNode v = fs.values().get(i);
            if (v != null && replacements.containsKey(v)) {
                fs.values().set(i, Effects.alive(graph, replacements.get(v)));
            }
        }
        if (fs.virtualObjectMappings() != null) {
            for (int i = 0; i < fs.virtualObjectMappings().size(); i++) {
                EscapeObjectState mapping = fs.virtualObjectMappings().get(i);
                for (Position p : mapping.inputPositions()) {
                    Node in = p.get(mapping);
                    if (in == mapping.object()) {
                        continue; // what the mapping describes, not a value: a materialized object is a MaterializedObjectState's value
                    }
                    if (in instanceof ValueNode v && replacements.containsKey(v)) {
                        if (mapping.hasMoreThanOneUsage()) {
                            // Described for other frame states too (value numbering): change a copy.
                            mapping = mapping.duplicateWithVirtualState();
                            fs.virtualObjectMappings().set(i, mapping);
                        }
                        p.set(mapping, Effects.alive(graph, replacements.get(v)));
                    }
                }
            }
        }
    }

    /** Adds the fields of {@code virtual} and of the virtual objects they reach to {@code mappings}. */
    private void describe(VirtualObjectNode virtual, BlockState state, EconomicMap<VirtualObjectNode, ValueNode[]> mappings) {
        if (mappings.containsKey(virtual) || !state.isVirtual(virtual)) {
            return;
        }
        ObjectState object = state.get(virtual);
        ValueNode[] values = new ValueNode[object.entryCount()];
        mappings.put(virtual, values);
        for (int i = 0; i < values.length; i++) {
            values[i] = analysis.resolve(object.entry(i), state);
            if (values[i] instanceof VirtualObjectNode nested) {
                describe(nested, state, mappings);
            }
        }
    }
}
