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
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectState;

/**
 * Keeps deoptimization exact: a frame state that refers to an object that is virtual at that
 * point gets the object's virtual node plus a {@link VirtualObjectState} describing its fields
 * (and, transitively, the virtual objects those refer to), so a deopt rebuilds exactly the object
 * the interpreter expects. References to materialized or replaced nodes are rewritten to the real
 * values. A frame state used elsewhere too is duplicated first.
 */
final class FrameStates {
    private final Analysis analysis;

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
        boolean any = false;
        for (FrameState fs = frameState; fs != null; fs = fs.outerFrameState()) {
            EconomicMap<VirtualObjectNode, ValueNode[]> own = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
            for (ValueNode value : values(fs)) {
                ValueNode alias = analysis.resolve(value, state);
                if (alias != value) {
                    replacements.put(value, alias);
                    // By the time this applies, the node may already stand replaced by its virtual object.
                    if (analysis.resolveAny(value) instanceof VirtualObjectNode virtual && virtual != alias) {
                        replacements.put(virtual, alias);
                    }
                }
                if (alias instanceof VirtualObjectNode virtual) {
                    describe(virtual, state, own);
                    if (state.get(virtual) != null && state.get(virtual).isPending()) {
                        pending.put(virtual, state.get(virtual).pendingMerge());
                    }
                }
            }
            mappings.add(own);
            any |= !own.isEmpty();
        }
        if (replacements.isEmpty() && !any) {
            return;
        }
        effects.add(graph -> {
            if (!user.isAlive() || !frameState.isAlive()) {
                return;
            }
            FrameState copy = frameState.duplicateWithVirtualState();
            user.replaceFirstInput(frameState, copy);
            Map<ValueNode, ValueNode> now = new IdentityHashMap<>(replacements);
            for (VirtualObjectNode object : pending.getKeys()) {
                ValueNode real = analysis.pendingPhi(pending.get(object));
                if (real != null) {
                    now.replaceAll((from, to) -> to == object ? real : to);
                    now.put(object, real);
                }
            }
            int level = 0;
            for (FrameState fs = copy; fs != null; fs = fs.outerFrameState(), level++) {
                rewrite(fs, now, graph);
                EconomicMap<VirtualObjectNode, ValueNode[]> own = mappings.get(level);
                for (VirtualObjectNode object : own.getKeys()) {
                    if (now.get(object) != null && pending.containsKey(object)) {
                        continue; // allocated after all: the frame state refers to the real object
                    }
                    ValueNode[] values = own.get(object);
                    for (ValueNode v : values) {
                        Effects.alive(graph, v);
                    }
                    fs.addVirtualObjectMapping(graph.addOrUnique(new VirtualObjectState(Effects.alive(graph, object), values)));
                }
            }
        });
    }

    private static List<ValueNode> values(FrameState fs) {
        List<ValueNode> values = new ArrayList<>();
        for (ValueNode v : fs.values()) {
            if (v != null) {
                values.add(v);
            }
        }
        if (fs.virtualObjectMappings() != null) {
            for (EscapeObjectState mapping : fs.virtualObjectMappings()) {
                for (Node in : mapping.inputs()) {
                    if (in instanceof ValueNode v && !(in instanceof VirtualObjectNode)) {
                        values.add(v);
                    }
                }
            }
        }
        return values;
    }

    private static void rewrite(FrameState fs, Map<ValueNode, ValueNode> replacements, jdk.graal.compiler.nodes.StructuredGraph graph) {
        for (int i = 0; i < fs.values().size(); i++) {
            ValueNode v = fs.values().get(i);
            if (v != null && replacements.containsKey(v)) {
                fs.values().set(i, Effects.alive(graph, replacements.get(v)));
            }
        }
        if (fs.virtualObjectMappings() != null) {
            for (EscapeObjectState mapping : fs.virtualObjectMappings()) {
                for (Position p : mapping.inputPositions()) {
                    Node in = p.get(mapping);
                    if (in instanceof ValueNode v && replacements.containsKey(v)) {
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
