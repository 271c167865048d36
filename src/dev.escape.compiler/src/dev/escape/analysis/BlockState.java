package dev.escape.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * The state of every virtual object at one point of the control flow: the analysis carries one
 * through each block, copies it at splits and combines copies at merges.
 */
final class BlockState {
    private final Map<VirtualObjectNode, ObjectState> objects;

    BlockState() {
        this.objects = new LinkedHashMap<>();
    }

    private BlockState(Map<VirtualObjectNode, ObjectState> objects) {
        this.objects = new LinkedHashMap<>(objects);
    }

    BlockState copy() {
        return new BlockState(objects);
    }

    ObjectState get(VirtualObjectNode object) {
        return objects.get(object);
    }

    boolean contains(VirtualObjectNode object) {
        return objects.containsKey(object);
    }

    boolean isVirtual(VirtualObjectNode object) {
        ObjectState state = objects.get(object);
        return state != null && state.isVirtual();
    }

    void put(VirtualObjectNode object, ObjectState state) {
        objects.put(object, state);
    }

    void remove(VirtualObjectNode object) {
        objects.remove(object);
    }

    Set<VirtualObjectNode> objects() {
        return objects.keySet();
    }

    /** True if some virtual object of this state holds {@code value} in a field. */
    boolean isReferencedFromVirtual(ValueNode value) {
        for (ObjectState s : objects.values()) {
            if (s.isVirtual()) {
                for (int i = 0; i < s.entryCount(); i++) {
                    if (s.entry(i) == value) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return objects.toString();
    }
}
