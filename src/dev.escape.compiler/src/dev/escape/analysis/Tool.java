package dev.escape.analysis;

import java.util.List;

import jdk.graal.compiler.core.common.GraalOptions;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.NodeSourcePosition;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.java.MonitorIdNode;
import jdk.graal.compiler.nodes.spi.CanonicalizerTool;
import jdk.graal.compiler.nodes.spi.CoreProvidersDelegate;
import jdk.graal.compiler.nodes.spi.VirtualizerTool;
import jdk.graal.compiler.nodes.virtual.AllocatedObjectNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.graal.compiler.options.OptionValues;
import jdk.vm.ci.meta.Assumptions;
import jdk.vm.ci.meta.JavaKind;

/**
 * escape's side of Graal's {@code Virtualizable} protocol: a node's {@code virtualize} method asks
 * this tool about the current {@link BlockState} and tells it what to do with the node. The tool
 * turns the answers into state changes and {@link Effects}; nothing touches the graph here.
 */
final class Tool extends CoreProvidersDelegate implements VirtualizerTool, CanonicalizerTool {
    private final Analysis analysis;
    private final OptionValues options;
    private final DebugContext debug;

    private Node current;
    private FixedNode position;
    private BlockState state;
    private Effects effects;
    private boolean deleted;

    Tool(Analysis analysis, OptionValues options, DebugContext debug) {
        super(analysis.providers());
        this.analysis = analysis;
        this.options = options;
        this.debug = debug;
    }

    /** Prepares the tool for one call of {@code virtualize} on {@code node}. */
    void reset(Node node, FixedNode insertionPoint, BlockState blockState, Effects blockEffects) {
        this.current = node;
        this.position = insertionPoint;
        this.state = blockState;
        this.effects = blockEffects;
        this.deleted = false;
    }

    /** True if the last {@code virtualize} removed or replaced the node. */
    boolean isDeleted() {
        return deleted;
    }

    @Override
    public int getMaximumEntryCount() {
        return GraalOptions.MaximumEscapeAnalysisArrayLength.getValue(options);
    }

    @Override
    public void createVirtualObject(VirtualObjectNode virtualObject, ValueNode[] entryState, List<MonitorIdNode> locks, NodeSourcePosition sourcePosition, boolean ensureVirtualized) {
        if (!virtualObject.isAlive()) {
            if (sourcePosition != null && virtualObject.getNodeSourcePosition() == null) {
                virtualObject.setNodeSourcePosition(sourcePosition);
            }
            effects.addFloating(virtualObject);
        }
        ValueNode[] entries = new ValueNode[entryState.length];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = analysis.resolve(entryState[i], state);
        }
        state.put(virtualObject, ObjectState.virtual(entries, locks, ensureVirtualized));
        analysis.decisions().created(virtualObject, current);
    }

    @Override
    public ValueNode getAlias(ValueNode value) {
        return analysis.resolve(value, state);
    }

    @Override
    public boolean setVirtualEntry(VirtualObjectNode virtualObject, int index, ValueNode value, JavaKind accessKind, long offset) {
        ObjectState object = state.get(virtualObject);
        JavaKind entryKind = virtualObject.entryKind(getMetaAccessExtensionProvider(), index);
        if (accessKind != null && accessKind.getStackKind() != entryKind.getStackKind()) {
            // A mismatched (e.g. unsafe) access: the caller materializes the object instead.
            return false;
        }
        if (accessKind != null && accessKind != entryKind && (accessKind.getBitCount() != entryKind.getBitCount())) {
            return false;
        }
        state.put(virtualObject, object.withEntry(index, analysis.resolve(value, state)));
        return true;
    }

    @Override
    public ValueNode getEntry(VirtualObjectNode virtualObject, int index) {
        return state.get(virtualObject).entry(index);
    }

    @Override
    public boolean canVirtualizeLock(VirtualObjectNode virtualObject, MonitorIdNode monitorId) {
        // A monitor entered in more than one place (e.g. re-entered in a loop) cannot be counted statically;
        // a nested lock the analysis keeps real (see Analysis.analyze) is entered on a real object.
        return !monitorId.isMultipleEntry() && !(state.get(virtualObject).hasLocks() && analysis.keepsNestedEnterReal(monitorId));
    }

    @Override
    public void addLock(VirtualObjectNode virtualObject, MonitorIdNode monitorId) {
        state.put(virtualObject, state.get(virtualObject).withLock(monitorId));
    }

    @Override
    public MonitorIdNode removeLock(VirtualObjectNode virtualObject) {
        ObjectState object = state.get(virtualObject);
        MonitorIdNode last = object.locks().get(object.locks().size() - 1);
        state.put(virtualObject, object.withoutLastLock());
        return last;
    }

    @Override
    public void setEnsureVirtualized(VirtualObjectNode virtualObject, boolean ensureVirtualized) {
        state.setEnsureVirtualized(virtualObject, ensureVirtualized);
    }

    @Override
    public void replaceWithVirtual(VirtualObjectNode virtualObject) {
        analysis.alias((ValueNode) current, virtualObject);
        effects.replaceAndDelete((ValueNode) current, virtualObject);
        deleted = true;
    }

    @Override
    public void replaceWithValue(ValueNode replacement) {
        ValueNode value = analysis.resolve(replacement, state);
        analysis.alias((ValueNode) current, value);
        effects.replaceAndDelete((ValueNode) current, value);
        deleted = true;
    }

    @Override
    public void replaceWith(ValueNode value) {
        if (analysis.resolve(value, state) instanceof VirtualObjectNode virtual) {
            replaceWithVirtual(virtual);
        } else {
            replaceWithValue(value);
        }
    }

    @Override
    public void delete() {
        if (current instanceof CommitAllocationNode commit) {
            // An earlier round's commit, virtual again: the nodes that stood for its objects go
            // first (their own visit only makes them aliases of the virtual objects).
            for (AllocatedObjectNode real : commit.usages().filter(AllocatedObjectNode.class).snapshot()) {
                effects.replaceAndDelete(real, real.getVirtualObject());
            }
        }
        effects.replaceAndDelete((ValueNode) current, null);
        deleted = true;
    }

    @Override
    public void replaceFirstInput(Node oldInput, Node replacement) {
        Node user = current;
        effects.add("replace first input", user, graph -> {
            Effects.alive(graph, replacement);
            user.replaceFirstInput(oldInput, replacement);
        });
    }

    /**
     * A fixed node a virtualize method creates (e.g. a load from a real object) goes just before
     * the current node. Every value created here is recorded with its block, so that a loop exit
     * gives it a proxy if it is used after the loop (an array copy into a virtual array inside a
     * loop loads each element from the real source array there). A node in the graph already is
     * left as it is: a virtualize method may hand over an existing value (a compare-and-set its new
     * value, which may be a call's result), whose frame state was described where the node is;
     * describing it again here would give it the objects as they are now, after later writes
     * (kotlinc: a call's state described a field as holding that call's own result).
     */
    @Override
    public void addNode(ValueNode node) {
        if (node.isAlive()) {
            return;
        }
        analysis.created(node, analysis.blockOf(position));
        if (node instanceof FixedWithNextNode fixed) {
            effects.addFixedBefore(position, fixed);
            // e.g. the state split proxy of an elided monitor enter: its frame state names virtual objects too
            analysis.describeFrameStates(fixed, state, effects);
        } else {
            effects.addFloating(node);
        }
    }

    @Override
    public void ensureAdded(ValueNode node) {
        addNode(node); // the effects do nothing for a node that is in the graph by the time they apply
    }

    @Override
    public boolean ensureMaterialized(VirtualObjectNode virtualObject) {
        if (!state.isVirtual(virtualObject)) {
            return false;
        }
        analysis.materialize(virtualObject, state, effects, position, current, analysis.causeOf(current, virtualObject));
        return true;
    }

    @Override
    public boolean canVirtualizeLargeByteArrayUnsafeAccess() {
        return false;
    }

    @Override
    public OptionValues getOptions() {
        return options;
    }

    @Override
    public DebugContext getDebug() {
        return debug;
    }

    // As a CanonicalizerTool: only to fold branch conditions whose inputs the analysis replaced by
    // constants (Analysis.decided); nothing that needs the usages of a node or reads memory.

    @Override
    public Assumptions getAssumptions() {
        return analysis.graph().getAssumptions();
    }

    @Override
    public boolean canonicalizeReads() {
        return false;
    }

    @Override
    public boolean allUsagesAvailable() {
        return false;
    }

    @Override
    public Integer smallestCompareWidth() {
        return getLowerer() != null ? getLowerer().smallestCompareWidth() : null;
    }

    @Override
    public boolean divisionOverflowIsJVMSCompliant() {
        return getLowerer() != null && getLowerer().divisionOverflowIsJVMSCompliant();
    }

    @Override
    public VirtualizerTool createSnapshot() {
        throw new Unsupported("a node asked for a snapshot of the virtualizer state (" + current.getClass().getSimpleName() + ")");
    }
}
