package dev.escape.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.java.MonitorIdNode;

/**
 * What one block knows about one virtual object: either its field values (entries, which may be
 * other virtual objects) and the locks held on it, or, once materialized, the node that is the
 * real object. Copied on write: a block state shares these with its predecessor's until one of
 * them changes it.
 */
final class ObjectState {
    private final ValueNode[] entries;
    private final List<MonitorIdNode> locks;
    private final boolean ensureVirtualized;
    private final ValueNode materialized;
    private final PendingMerge pending;
    /** For a nullable pending object: a null check on this path proved it is there. */
    private final boolean provedNonNull;

    private ObjectState(ValueNode[] entries, List<MonitorIdNode> locks, boolean ensureVirtualized, ValueNode materialized, PendingMerge pending, boolean provedNonNull) {
        this.entries = entries;
        this.locks = locks;
        this.ensureVirtualized = ensureVirtualized;
        this.materialized = materialized;
        this.pending = pending;
        this.provedNonNull = provedNonNull;
    }

    /**
     * Past a merge where the object is real on some paths: its fields are known (phis) and may be
     * read, but it is not yet allocated on the paths where it was virtual. See {@link PendingMerge}.
     */
    static ObjectState pending(ValueNode[] entries, PendingMerge pending) {
        return new ObjectState(entries.clone(), List.of(), false, null, pending, false);
    }

    boolean isPending() {
        return pending != null;
    }

    PendingMerge pendingMerge() {
        return pending;
    }

    /** True unless this is a nullable pending object not yet proved non-null on this path. */
    boolean isKnownNonNull() {
        return pending == null || pending.nonNull() == null || provedNonNull;
    }

    ObjectState withProvedNonNull() {
        return new ObjectState(entries, locks, ensureVirtualized, materialized, pending, true);
    }

    static ObjectState virtual(ValueNode[] entries, List<MonitorIdNode> locks, boolean ensureVirtualized) {
        return new ObjectState(entries.clone(), List.copyOf(locks), ensureVirtualized, null, null, false);
    }

    static ObjectState materialized(ValueNode value) {
        return new ObjectState(null, List.of(), false, value, null, false);
    }

    boolean isVirtual() {
        return materialized == null;
    }

    ValueNode materializedValue() {
        return materialized;
    }

    int entryCount() {
        return entries.length;
    }

    ValueNode entry(int index) {
        return entries[index];
    }

    ValueNode[] entries() {
        return entries.clone();
    }

    ObjectState withEntry(int index, ValueNode value) {
        ValueNode[] copy = entries.clone();
        copy[index] = value;
        return new ObjectState(copy, locks, ensureVirtualized, null, pending, provedNonNull);
    }

    List<MonitorIdNode> locks() {
        return locks;
    }

    boolean hasLocks() {
        return !locks.isEmpty();
    }

    ObjectState withLock(MonitorIdNode monitor) {
        List<MonitorIdNode> copy = new ArrayList<>(locks);
        copy.add(monitor);
        return new ObjectState(entries, List.copyOf(copy), ensureVirtualized, null, pending, provedNonNull);
    }

    ObjectState withoutLastLock() {
        return new ObjectState(entries, List.copyOf(locks.subList(0, locks.size() - 1)), ensureVirtualized, null, pending, provedNonNull);
    }

    boolean ensureVirtualized() {
        return ensureVirtualized;
    }

    ObjectState withEnsureVirtualized(boolean value) {
        return new ObjectState(entries, locks, value, null, pending, provedNonNull);
    }

    @Override
    public String toString() {
        return isVirtual() ? "virtual" + Arrays.toString(entries) + (locks.isEmpty() ? "" : " locks " + locks.size()) : "materialized " + materialized;
    }
}
