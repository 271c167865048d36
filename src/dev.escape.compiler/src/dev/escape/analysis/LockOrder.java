package dev.escape.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.graalvm.collections.EconomicMap;

import jdk.graal.compiler.nodes.java.MonitorIdNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * HotSpot's lightweight locking keeps each thread's locks on a stack, so monitors must be entered
 * in nesting order (the platform's "strict lock order"). A lock held by a virtual object is
 * entered for real only when the object is materialized; so before a deeper lock is entered for
 * real (a monitor enter on a real object, or the commit of an object holding it), every virtual
 * object holding a shallower lock must become real too. A commit enters its locks by depth.
 */
final class LockOrder {
    private LockOrder() {
    }

    /** Virtual objects of {@code state} not in {@code except} holding a lock shallower than {@code depth}, outermost first. */
    static List<VirtualObjectNode> outerLocks(BlockState state, int depth, List<VirtualObjectNode> except) {
        List<VirtualObjectNode> result = new ArrayList<>();
        for (VirtualObjectNode object : state.objects()) {
            ObjectState s = state.get(object);
            if (s.isVirtual() && !s.isPending() && s.hasLocks() && shallowest(s) < depth && !except.contains(object)) {
                result.add(object);
            }
        }
        result.sort(Comparator.comparingInt(o -> shallowest(state.get(o))));
        return result;
    }

    /**
     * Adds to {@code objects} (about to be committed together) the objects holding locks outside
     * theirs, with what those reach; returns the objects added because of a lock.
     */
    static List<VirtualObjectNode> addOuterLocks(BlockState state, List<VirtualObjectNode> objects, EconomicMap<VirtualObjectNode, VirtualObjectNode> holders) {
        List<VirtualObjectNode> added = new ArrayList<>();
        List<VirtualObjectNode> outer = outerLocks(state, deepest(state, objects), objects);
        while (!outer.isEmpty()) {
            for (VirtualObjectNode o : outer) {
                for (VirtualObjectNode reached : state.reachableVirtual(o, holders)) {
                    if (!objects.contains(reached)) {
                        objects.add(reached);
                        added.add(reached);
                    }
                }
            }
            outer = outerLocks(state, deepest(state, objects), objects);
        }
        return added;
    }

    private static int deepest(BlockState state, List<VirtualObjectNode> objects) {
        int deepest = -1;
        for (VirtualObjectNode o : objects) {
            for (MonitorIdNode lock : state.get(o).locks()) {
                deepest = Math.max(deepest, lock.getLockDepth());
            }
        }
        return deepest;
    }

    private static int shallowest(ObjectState s) {
        int shallowest = Integer.MAX_VALUE;
        for (MonitorIdNode lock : s.locks()) {
            shallowest = Math.min(shallowest, lock.getLockDepth());
        }
        return shallowest;
    }
}
