package dev.escape.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.graalvm.collections.EconomicMap;

import dev.escape.decisions.Materialization;
import jdk.graal.compiler.nodes.java.MonitorIdNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * HotSpot's lightweight locking keeps each thread's locks on a stack, so monitors must be entered
 * in nesting order (the platform's "strict lock order"). A lock held by a virtual object is
 * entered for real only when the object is materialized; so before a deeper lock is entered for
 * real (a monitor enter on a real object, or the commit of an object holding it), every virtual
 * object holding a shallower lock must become real too. A commit enters its locks by depth.
 *
 * <p>
 * A commit never holds two locks of one object (a recursive lock). Graal lowers such a commit
 * ({@code DefaultJavaLoweringProvider.finishAllocatedObjects}) by entering the outermost lock only
 * and deleting the monitor enters and exits of the nested ones, found as the usages of the nested
 * lock's {@code MonitorIdNode}. An exit that pairs with the nested lock but names a copy of that
 * node is left: loop peeling and unrolling copy a loop body's {@code MonitorIdNode}s, and an
 * exception handler after the loop, reached from the peeled iteration and from the loop, keeps
 * the loop body's. The compiled code then exits the monitor once more than it entered it; with
 * lightweight locking that exit finds the object neither on the lock stack nor inflated and reads
 * its unlocked mark word as a monitor pointer (a VM crash, under Graal's own phase too:
 * {@code fuzz-regressions/escape-only/seed500265}). So when the analysis would commit an object
 * with nested locks, it runs again with the enters of those nested locks kept real
 * ({@link Analysis#analyze}): the object is made real at its inner {@code synchronized}, holding
 * one lock, and every enter and exit after that is a real one.
 */
final class LockOrder {
    private LockOrder() {
    }

    /**
     * The detail of the materialization that keeps a nested lock's enter real (cause
     * {@code MONITOR}); {@code instead} is where the object would have been made real holding it.
     */
    static String recursiveLock(Materialization instead) {
        return "recursive lock: made real at the inner lock, not " + instead.place() + " holding both locks; Graal lowers an allocation holding two locks " +
                        "of one object with the inner lock elided, which can leave a monitor exit without its enter";
    }

    /** The locks of {@code s} that a commit of it would hold nested inside another of its own: all but the outermost. */
    static List<MonitorIdNode> nestedLocks(ObjectState s) {
        if (s.locks().size() < 2) {
            return List.of();
        }
        List<MonitorIdNode> nested = new ArrayList<>(s.locks());
        nested.sort(Comparator.comparingInt(MonitorIdNode::getLockDepth));
        return nested.subList(1, nested.size());
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
