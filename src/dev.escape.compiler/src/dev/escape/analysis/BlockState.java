package dev.escape.analysis;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.collections.EconomicMap;
import org.graalvm.collections.Equivalence;

import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * The state of every virtual object at one point of the control flow: the analysis carries one
 * through each block, copies it at splits and combines copies at merges.
 */
final class BlockState {
    /** By identity (system hash: a node's own hash code changes when it is added to the graph), in creation order. */
    private final EconomicMap<VirtualObjectNode, ObjectState> objects;
    /**
     * Set for code the analysis found unreachable: past a branch whose condition the fields of
     * virtual objects decide the other way (the branch is removed, see {@link Effects#killBranch}).
     * Such a block is not analyzed, and merges and loop headers ignore it.
     */
    private final boolean dead;

    BlockState() {
        this.objects = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        this.dead = false;
    }

    private BlockState(EconomicMap<VirtualObjectNode, ObjectState> objects, boolean dead) {
        this.objects = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE, objects);
        this.dead = dead;
    }

    BlockState copy() {
        return new BlockState(objects, dead);
    }

    /** The state of unreachable code. */
    static BlockState dead() {
        return new BlockState(EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE), true);
    }

    boolean isDead() {
        return dead;
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

    /** True if {@code object} is virtual here and must stay so ({@link ObjectState#ensureVirtualized()}). */
    boolean mustStayVirtual(VirtualObjectNode object) {
        ObjectState state = objects.get(object);
        return state != null && state.isVirtual() && state.ensureVirtualized();
    }

    void setEnsureVirtualized(VirtualObjectNode object, boolean value) {
        objects.put(object, objects.get(object).withEnsureVirtualized(value));
    }

    void put(VirtualObjectNode object, ObjectState state) {
        objects.put(object, state);
    }

    /** True if some object of this state is pending ({@link PendingMerge}). */
    boolean hasPending() {
        for (ObjectState s : objects.getValues()) {
            if (s.isPending()) {
                return true;
            }
        }
        return false;
    }

    /** How many objects (virtual or materialized) this state tracks. */
    int size() {
        return objects.size();
    }

    void remove(VirtualObjectNode object) {
        objects.removeKey(object);
    }

    /** The objects this state knows, as a copy (callers may change the state while iterating). */
    List<VirtualObjectNode> objects() {
        List<VirtualObjectNode> result = new ArrayList<>();
        for (VirtualObjectNode object : objects.getKeys()) {
            result.add(object);
        }
        return result;
    }

    /** True if a field of the virtual object {@code object} holds another object that is still virtual. */
    boolean hasVirtualFields(VirtualObjectNode object) {
        ObjectState s = objects.get(object);
        for (int i = 0; i < s.entryCount(); i++) {
            if (s.entry(i) instanceof VirtualObjectNode nested && isVirtual(nested)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The virtual objects reachable from {@code from} through fields (itself first, depth first),
     * and, if {@code holders} is given, for each the object whose field holds it.
     */
    List<VirtualObjectNode> reachableVirtual(VirtualObjectNode from, EconomicMap<VirtualObjectNode, VirtualObjectNode> holders) {
        List<VirtualObjectNode> into = new ArrayList<>();
        collect(from, null, into, holders);
        return into;
    }

    private void collect(VirtualObjectNode object, VirtualObjectNode holder, List<VirtualObjectNode> into, EconomicMap<VirtualObjectNode, VirtualObjectNode> holders) {
        if (into.contains(object) || !isVirtual(object)) {
            return;
        }
        into.add(object);
        if (holder != null && holders != null) {
            holders.put(object, holder);
        }
        ObjectState s = objects.get(object);
        for (int i = 0; i < s.entryCount(); i++) {
            if (s.entry(i) instanceof VirtualObjectNode nested) {
                collect(nested, object, into, holders);
            }
        }
    }

    /** How many fields of virtual objects of this state hold {@code value}. */
    int referencesFromVirtual(ValueNode value) {
        int count = 0;
        for (ObjectState s : objects.getValues()) {
            if (s.isVirtual()) {
                for (int i = 0; i < s.entryCount(); i++) {
                    if (s.entry(i) == value) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return dead ? "dead" : objects.toString();
    }
}
