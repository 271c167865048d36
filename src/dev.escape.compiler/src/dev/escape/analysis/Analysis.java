package dev.escape.analysis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.collections.EconomicMap;
import org.graalvm.collections.EconomicSet;
import org.graalvm.collections.Equivalence;

import dev.escape.decisions.Census;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.Materialization.Cause;
import jdk.graal.compiler.core.common.cfg.CFGLoop;
import jdk.graal.compiler.core.common.type.Stamp;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.Position;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractEndNode;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.CallTargetNode;
import jdk.graal.compiler.nodes.ConstantNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.IfNode;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.LogicConstantNode;
import jdk.graal.compiler.nodes.LogicNode;
import jdk.graal.compiler.nodes.LoopBeginNode;
import jdk.graal.compiler.nodes.LoopExitNode;
import jdk.graal.compiler.nodes.NodeView;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ProxyNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.StructuredGraph.ScheduleResult;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.ValuePhiNode;
import jdk.graal.compiler.nodes.ValueProxyNode;
import jdk.graal.compiler.nodes.VirtualState;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.java.AccessIndexedNode;
import jdk.graal.compiler.nodes.java.MonitorEnterNode;
import jdk.graal.compiler.nodes.java.MonitorIdNode;
import jdk.graal.compiler.nodes.spi.Canonicalizable;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.nodes.spi.Virtualizable;
import jdk.graal.compiler.nodes.spi.VirtualizableAllocation;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.graal.compiler.nodes.virtual.AllocatedObjectNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;
import jdk.graal.compiler.nodes.virtual.LockState;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.vm.ci.code.BytecodeFrame;
import jdk.vm.ci.meta.JavaKind;

/**
 * One pass of escape's partial escape analysis over a scheduled graph. It walks the blocks in
 * reverse post order carrying a {@link BlockState}, lets each {@link Virtualizable} node act on it
 * through the {@link Tool}, materializes a virtual object just before the first node that needs
 * the real one, combines states at merges ({@link Merges}) and iterates loops to a fixed point
 * ({@link Loops}). Graph changes are collected as {@link Effects} per block and applied by
 * {@link #apply()} in block order, loop back-edge effects last.
 */
public final class Analysis {
    /** Loop iterations before the analysis gives up on keeping objects virtual across a loop. */
    static final int MAX_LOOP_ITERATIONS = 8;

    private final StructuredGraph graph;
    private final CoreProviders providers;
    private final ScheduleResult schedule;
    /** Monitors must be entered in nesting order (see {@link LockOrder}). */
    private final boolean strictLockOrder;
    private final Decisions decisions;
    private final Tool tool;
    /** {@link VariableIndex}: longest virtual array a variable index may select from. */
    private final int variableIndexLength;
    private final Budget budget;

    private final Map<ValueNode, ValueNode> aliases = new IdentityHashMap<>();
    private final Map<HIRBlock, Effects> blockEffects = new LinkedHashMap<>();
    private final Map<HIRBlock, BlockState> endStates = new IdentityHashMap<>();
    /** Values the analysis created, with the block they belong to (for loop exit proxies). */
    private final Map<ValueNode, HIRBlock> createdIn = new IdentityHashMap<>();
    private final Loops loops;
    private final Merges merges;
    private final FrameStates frameStates;
    private final Identity identity = new Identity(this);
    /** The one virtual object each phi of mergeable objects stands for, kept across loop iterations. */
    private final Map<ValueNode, VirtualObjectNode> mergedObjects = new IdentityHashMap<>();
    private final PendingObjects pending = new PendingObjects(this);
    /**
     * Nested locks whose monitor enters stay real, so that no commit holds them (see {@link LockOrder}),
     * with where their object would have been made real holding them.
     */
    private final Map<MonitorIdNode, Materialization> realNestedLocks;

    /**
     * Analyzes {@code graph} (scheduled as {@code schedule}) and returns the analysis, its effects
     * not applied yet. When the result would commit an object holding nested locks of its own,
     * which Graal's lowering cannot always do right ({@link LockOrder}), the analysis runs again
     * with the enters of those locks kept real, until no commit holds nested locks; each run
     * charges {@code budget}. Throws {@link Unsupported} (graph untouched) if it cannot.
     */
    public static Analysis analyze(StructuredGraph graph, CoreProviders providers, ScheduleResult schedule, Decisions decisions, Budget budget) {
        Map<MonitorIdNode, Materialization> realNestedLocks = new IdentityHashMap<>();
        while (true) {
            Analysis analysis = new Analysis(graph, providers, schedule, decisions, budget, new IdentityHashMap<>(realNestedLocks));
            analysis.run();
            Map<MonitorIdNode, Materialization> nested = analysis.committedNestedLocks();
            if (nested.isEmpty()) {
                return analysis;
            }
            int known = realNestedLocks.size();
            for (Map.Entry<MonitorIdNode, Materialization> e : nested.entrySet()) {
                realNestedLocks.putIfAbsent(e.getKey(), e.getValue());
            }
            if (realNestedLocks.size() == known) {
                // Not from a monitor enter this analysis saw (e.g. a commit of an earlier phase).
                throw new Unsupported("an object would be allocated holding nested locks " + nested.keySet() + " whose enters cannot be kept real");
            }
            decisions.reset();
        }
    }

    private Analysis(StructuredGraph graph, CoreProviders providers, ScheduleResult schedule, Decisions decisions, Budget budget, Map<MonitorIdNode, Materialization> realNestedLocks) {
        this.graph = graph;
        this.realNestedLocks = realNestedLocks;
        this.budget = budget;
        this.providers = providers;
        this.strictLockOrder = providers.getPlatformConfigurationProvider() != null && providers.getPlatformConfigurationProvider().requiresStrictLockOrder();
        this.schedule = schedule;
        this.decisions = decisions;
        this.tool = new Tool(this, graph.getOptions(), graph.getDebug());
        this.variableIndexLength = VariableIndex.EscapeVariableIndexLength.getValue(graph.getOptions());
        this.loops = new Loops(this);
        this.merges = new Merges(this);
        this.frameStates = new FrameStates(this);
        decisions.attach(this);
        for (HIRBlock block : schedule.getCFG().getBlocks()) {
            blockEffects.put(block, new Effects());
        }
    }

    CoreProviders providers() {
        return providers;
    }

    Decisions decisions() {
        return decisions;
    }

    Identity identity() {
        return identity;
    }

    /** The virtual object that stands for {@code phi} when its inputs merge into one (shaped like {@code like}). */
    VirtualObjectNode mergedObject(ValueNode phi, VirtualObjectNode like) {
        VirtualObjectNode merged = mergedObjects.get(phi);
        if (merged == null) {
            merged = like.duplicate();
            merged.setNodeSourcePosition(like.getNodeSourcePosition());
            mergedObjects.put(phi, merged);
        }
        return merged;
    }

    StructuredGraph graph() {
        return graph;
    }

    HIRBlock blockOf(Node node) {
        if (node == null || !node.isAlive() || schedule.getNodeToBlockMap().isNew(node)) {
            return null;
        }
        HIRBlock block = schedule.getNodeToBlockMap().get(node);
        return block != null ? block : schedule.getCFG().blockFor(node);
    }

    void replaceEndState(HIRBlock block, BlockState state) {
        endStates.put(block, state);
    }

    /** Why {@code user} needs {@code object} real (see {@link Decisions#causeOf}). */
    Cause causeOf(Node user, VirtualObjectNode object) {
        return decisions.causeOf(user, object);
    }

    /** The pending objects' machinery ({@link PendingMerge}). */
    PendingObjects pending() {
        return pending;
    }

    /** False if {@link #resolve} gives {@code value} itself in every state: it is no object of the analysis and stands for none. */
    boolean mayStandForOther(ValueNode value) {
        return value instanceof VirtualObjectNode || aliases.containsKey(value);
    }

    /** What {@code value} aliases, whether or not the object is still virtual. */
    ValueNode resolveAny(ValueNode value) {
        return value instanceof VirtualObjectNode ? value : aliases.getOrDefault(value, value);
    }

    Effects effectsOf(HIRBlock block) {
        return blockEffects.get(block);
    }

    BlockState endState(HIRBlock block) {
        return endStates.get(block);
    }

    /** True if the analysis found {@code block} unreachable (its branch is removed, see {@link BlockState#isDead()}). */
    boolean unreachable(HIRBlock block) {
        BlockState end = endStates.get(block);
        return end != null && end.isDead();
    }

    /** Runs the analysis; throws {@link Unsupported} (with the graph untouched) if it cannot. */
    private void run() {
        processRegion(List.of(schedule.getCFG().getBlocks()), null);
    }

    /** True if the monitor enter of {@code lock} stays real when its object already holds a lock (see {@link #analyze}). */
    boolean keepsNestedEnterReal(MonitorIdNode lock) {
        return realNestedLocks.containsKey(lock);
    }

    /**
     * The nested locks ({@link LockOrder#nestedLocks}) that the commits among the effects to apply
     * would hold, each with the materialization of its object there.
     */
    private Map<MonitorIdNode, Materialization> committedNestedLocks() {
        Map<MonitorIdNode, Materialization> result = new IdentityHashMap<>();
        for (Effects effects : allEffects()) {
            effects.forEach(e -> {
                if (e instanceof Commit commit) {
                    for (Map.Entry<MonitorIdNode, Materialization> lock : commit.nestedLocks().entrySet()) {
                        result.putIfAbsent(lock.getKey(), lock.getValue());
                    }
                }
            });
        }
        return result;
    }

    /**
     * The materializations that {@link #apply()} would place, without applying anything: what
     * runtime feedback counts and speculates on.
     */
    public List<Decisions.Placed> plan() {
        List<Decisions.Placed> placed = new ArrayList<>();
        for (Effects effects : allEffects()) {
            effects.forEach(e -> {
                if (e instanceof Decisions.Recording r) {
                    placed.add(r.placed());
                }
            });
        }
        return placed;
    }

    private List<Effects> allEffects() {
        List<Effects> all = new ArrayList<>(blockEffects.values());
        loops.forEachEffects(all::add);
        return all;
    }

    /** The merges where pending objects had to be made real after all: where {@link BranchSplitting} may help the next round. */
    public List<AbstractMergeNode> mergesMadeReal() {
        return pending.mergesMadeReal();
    }

    /** The loops that walk objects virtual at their entry, with their walks ({@link WalkPeeling}). */
    Map<LoopBeginNode, WalkPeeling.Walk> walkedLoops() {
        return loops.walks();
    }

    /** True if some loop walks objects virtual at its entry ({@link WalkPeeling}). */
    public boolean hasWalks() {
        return !loops.walks().isEmpty();
    }

    /** True if the analysis found anything to change. */
    public boolean hasEffects() {
        for (Effects effects : blockEffects.values()) {
            if (!effects.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Applies the collected effects in block order, then the loops' back-edge effects. */
    public void apply() {
        for (HIRBlock block : schedule.getCFG().getBlocks()) {
            if (block.isLoopHeader()) {
                loops.entryEffects((LoopBeginNode) block.getBeginNode()).apply(graph);
            }
            blockEffects.get(block).apply(graph);
        }
        loops.applyBackEdgeEffects(graph);
        for (HIRBlock block : schedule.getCFG().getBlocks()) {
            blockEffects.get(block).applyBranchKills(graph);
        }
        for (HIRBlock block : schedule.getCFG().getBlocks()) {
            blockEffects.get(block).applyLateDeletes(graph);
        }
        loops.forEachEffects(effects -> effects.applyLateDeletes(graph));
        narrowCreatedStamps();
    }

    /**
     * Narrows the stamps of the object phis (and their loop-exit proxies) this analysis created to
     * what their inputs admit. A loop's field phi is created before its back edges are known, with
     * the unrestricted stamp of its entry value ({@code java.lang.Object} for an {@code int[]}), and
     * phis that feed each other (nested loops, Truffle's merge-exploded loops) keep that stamp:
     * the canonicalizer infers a phi's stamp from its inputs', which are the other phis' wide stamps.
     * A use typed by the value it replaced then sees a wider one: an {@code ObjectClone} of an
     * {@code int[]} field whose stamp says {@code int[]} over an input that became
     * {@code Object}, which Graal's lowering refuses ("should not reach here: object ... concrete
     * type null"), failing the compilation. Here each such phi gets the meet of its inputs' stamps,
     * the other created phis' taken optimistically (least fixpoint, which still admits every input).
     */
    private void narrowCreatedStamps() {
        EconomicSet<ValueNode> created = EconomicSet.create(Equivalence.IDENTITY);
        for (ValueNode v : createdIn.keySet()) {
            if (v.isAlive() && (v instanceof ValuePhiNode || v instanceof ValueProxyNode) && v.getStackKind() == JavaKind.Object) {
                created.add(v);
            }
        }
        if (created.isEmpty()) {
            return;
        }
        Map<ValueNode, Stamp> stamps = new IdentityHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ValueNode v : created) {
                Stamp s = null;
                Iterable<ValueNode> inputs = v instanceof ValuePhiNode phi ? phi.values() : List.of(((ValueProxyNode) v).value());
                for (ValueNode in : inputs) {
                    if (in == v || in == null) {
                        continue;
                    }
                    // A created phi or proxy not reached yet adds nothing (optimistic start).
                    Stamp is = created.contains(in) ? stamps.get(in) : in.stamp(NodeView.DEFAULT);
                    if (is != null) {
                        s = s == null ? is : s.meet(is);
                    }
                }
                if (s != null && !s.equals(stamps.get(v))) {
                    stamps.put(v, s);
                    changed = true;
                }
            }
        }
        for (ValueNode v : created) {
            Stamp s = stamps.get(v);
            Stamp current = v.stamp(NodeView.DEFAULT);
            if (v instanceof ValuePhiNode && s != null && current.isCompatible(s)) {
                Stamp narrowed = current.join(s);
                if (!narrowed.isEmpty() && !narrowed.equals(current)) {
                    v.setStamp(narrowed);
                }
            }
        }
        // A proxy's stamp is its value's (ValueProxyNode.inferStamp): taken from the phis set above.
        for (boolean again = true; again;) {
            again = false;
            for (ValueNode v : created) {
                if (v instanceof ValueProxyNode proxy && proxy.inferStamp()) {
                    again = true;
                }
            }
        }
    }

    /**
     * Processes the blocks of {@code region} (in reverse post order) that belong to {@code loop}
     * directly; nested loops are processed as a whole when their header is reached.
     */
    void processRegion(List<HIRBlock> region, CFGLoop<HIRBlock> loop) {
        for (HIRBlock block : region) {
            if (block.getLoop() != loop) {
                if (block.isLoopHeader() && block.getLoop().getParent() == loop) {
                    loops.process(block.getLoop());
                }
                continue;
            }
            if (block.isLoopHeader() && block.getLoop() == loop && block == loop.getHeader()) {
                continue; // the caller processed the header
            }
            BlockState state = entryState(block);
            processBlock(block, state);
        }
    }

    private BlockState entryState(HIRBlock block) {
        AbstractBeginNode begin = block.getBeginNode();
        if (block.getPredecessorCount() == 0) {
            return new BlockState();
        }
        if (begin instanceof AbstractMergeNode merge && !(begin instanceof LoopBeginNode)) {
            return merges.merge(merge, block);
        }
        BlockState state = endStates.get(block.getFirstPredecessor()).copy();
        if (state.isDead()) {
            return state;
        }
        if (begin.predecessor() instanceof IfNode branch && decided(branch, state) instanceof Boolean value && value != (branch.trueSuccessor() == begin)) {
            // Like Graal's phase: a branch the virtual objects' fields decide is not taken, so
            // what happens on it (a call that would need a real object) makes nothing real.
            blockEffects.get(block).killBranch(branch, value);
            return BlockState.dead();
        }
        pending.provedByBranch(begin, state);
        if (begin instanceof LoopExitNode exit) {
            loops.exit(exit, block, state);
            // The schedule does not list proxies; they belong to their loop exit.
            for (ProxyNode proxy : exit.proxies().snapshot()) {
                if (proxy instanceof ValueProxyNode value) {
                    processProxy(value, state, blockEffects.get(block));
                }
            }
        }
        return state;
    }

    /**
     * The value the condition of {@code branch} always has in {@code state}, or null: a condition
     * the analysis replaced by a constant (e.g. a null check of a virtual object), or a comparison
     * or test whose inputs it replaced by constants (a field of a virtual object), folded by the
     * node's own canonicalization.
     */
    private Boolean decided(IfNode branch, BlockState state) {
        LogicNode condition = branch.condition();
        if (resolve(condition, state) instanceof LogicConstantNode constant) {
            return constant.getValue();
        }
        Node folded = null;
        if (condition instanceof Canonicalizable.Binary<?> binary) {
            @SuppressWarnings("unchecked")
            Canonicalizable.Binary<ValueNode> node = (Canonicalizable.Binary<ValueNode>) binary;
            ValueNode x = constantFor(node.getX(), state);
            ValueNode y = constantFor(node.getY(), state);
            if (x != null || y != null) {
                folded = node.canonical(tool, x != null ? x : node.getX(), y != null ? y : node.getY());
            }
        } else if (condition instanceof Canonicalizable.Unary<?> unary) {
            @SuppressWarnings("unchecked")
            Canonicalizable.Unary<ValueNode> node = (Canonicalizable.Unary<ValueNode>) unary;
            ValueNode value = constantFor(node.getValue(), state);
            if (value != null) {
                folded = node.canonical(tool, value);
            }
        }
        return folded instanceof LogicConstantNode constant ? constant.getValue() : null;
    }

    /** The constant the analysis replaced {@code value} by, or null (not replaced, or not by a constant). */
    private ValueNode constantFor(ValueNode value, BlockState state) {
        ValueNode alias = resolve(value, state);
        return alias != value && (alias instanceof ConstantNode || alias instanceof LogicConstantNode) ? alias : null;
    }

    /** Processes the nodes of {@code block} starting from {@code state}, and keeps the end state. */
    void processBlock(HIRBlock block, BlockState state) {
        if (state.isDead()) {
            endStates.put(block, state);
            return;
        }
        Effects effects = blockEffects.get(block);
        List<Node> nodes = schedule.nodesFor(block);
        FixedNode[] insertionPoints = insertionPoints(nodes, block);
        budget.charge(state.size(), state); // the state this block starts from was copied for it
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node instanceof PhiNode || node instanceof VirtualState || node instanceof MonitorIdNode) {
                continue;
            }
            processNode(node, insertionPoints[i], state, effects);
            budget.charge(1, state);
        }
        endStates.put(block, state);
    }

    /** Where materializations for each of {@code nodes} go: before it, or before the next fixed node. */
    private static FixedNode[] insertionPoints(List<Node> nodes, HIRBlock block) {
        FixedNode[] points = new FixedNode[nodes.size()];
        FixedNode next = block.getEndNode();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i) instanceof FixedNode fixed && !(fixed instanceof AbstractBeginNode)) {
                next = fixed;
            }
            points[i] = next;
        }
        return points;
    }

    void processNode(Node node, FixedNode position, BlockState state, Effects effects) {
        if (node instanceof ProxyNode || node instanceof CallTargetNode) {
            return; // processed with their loop exit, or with their invoke
        }
        // What an earlier round of a loop's analysis decided for this node no longer holds.
        aliases.remove(node);
        if (pending.nullCheck(node, state, effects)) {
            return;
        }
        pending.materializeNeeded(node, position, state, effects);
        // Like Graal's phase: allocations always, other nodes only when they see a virtual object
        // (or, for the object of an earlier round's commit, stand for one again).
        if (node instanceof Virtualizable virtualizable && (node instanceof VirtualizableAllocation || hasVirtualInput(node, state) ||
                        node instanceof AllocatedObjectNode real && state.isVirtual(real.getVirtualObject()))) {
            tool.reset(node, position, state, effects);
            if (!(node instanceof AccessIndexedNode access && VariableIndex.virtualize(access, tool, variableIndexLength))) {
                virtualizable.virtualize(tool);
            }
            if (tool.isDeleted()) {
                return;
            }
        }
        if (Census.allocates(node)) {
            effects.add("record not virtualized", node, decisions.notVirtualized(node, tool));
        }
        FixedNode here = node instanceof FixedNode fixed && !(fixed instanceof AbstractBeginNode) ? fixed : position;
        if (node instanceof Invoke invoke) {
            // Arguments are inputs of the (floating, early scheduled) call target: objects escape at the call.
            ensureRealInputs(invoke.callTarget(), here, state, effects);
        }
        if (node instanceof MonitorEnterNode enter && resolve(enter.object(), state) instanceof VirtualObjectNode locked && state.isVirtual(locked) &&
                        state.get(locked).hasLocks() && keepsNestedEnterReal(enter.getMonitorId())) {
            // A nested lock kept real (see analyze): its object is made real here, holding its outer locks.
            materialize(locked, state, effects, here, node, Cause.MONITOR, LockOrder.recursiveLock(realNestedLocks.get(enter.getMonitorId())), false);
        }
        if (strictLockOrder && node instanceof MonitorEnterNode enter) {
            // A lock entered for real: the outer locks that virtual objects hold are entered first.
            for (VirtualObjectNode outer : LockOrder.outerLocks(state, enter.getMonitorId().getLockDepth(), List.of())) {
                if (state.get(outer).isVirtual()) {
                    materialize(outer, state, effects, here, node, Cause.MONITOR);
                }
            }
        }
        ensureRealInputs(node, here, state, effects);
        frameStates.process(node, state, effects);
    }

    private boolean hasVirtualInput(Node node, BlockState state) {
        for (Node input : node.inputs()) {
            if (input instanceof ValueNode v && !(input instanceof VirtualObjectNode) && resolve(v, state) instanceof VirtualObjectNode virtual && state.isVirtual(virtual)) {
                return true;
            }
        }
        return false;
    }

    void describeFrameStates(Node node, BlockState state, Effects effects) {
        frameStates.process(node, state, effects);
    }

    /** A node that stays in the graph needs real objects as inputs: materialize virtual ones before it. */
    private void ensureRealInputs(Node node, FixedNode position, BlockState state, Effects effects) {
        if (!hasInputStandingForOther(node)) {
            return; // most nodes: no input is an object of the analysis
        }
        for (Position p : node.inputPositions()) {
            if (!(p.get(node) instanceof ValueNode input) || input instanceof MonitorIdNode ||
                            (input instanceof VirtualObjectNode && node instanceof CommitAllocationNode)) {
                continue;
            }
            ValueNode alias = resolve(input, state);
            if (alias instanceof VirtualObjectNode virtual && state.isVirtual(virtual)) {
                materialize(virtual, state, effects, position, node, causeOf(node, virtual));
                alias = resolve(input, state);
            }
            if (alias != input && !(alias instanceof VirtualObjectNode)) {
                effects.replaceInput(node, input, virtualOf(input), alias);
            }
        }
    }

    private boolean hasInputStandingForOther(Node node) {
        for (Node input : node.inputs()) {
            if (input instanceof ValueNode v && mayStandForOther(v)) {
                return true;
            }
        }
        return false;
    }

    /** A loop exit proxy of an object: follows the object while virtual, else proxies the real one. */
    private void processProxy(ValueProxyNode proxy, BlockState state, Effects effects) {
        aliases.remove(proxy);
        ValueNode alias = resolve(proxy.value(), state);
        if (alias instanceof VirtualObjectNode virtual) {
            aliases.put(proxy, virtual);
            effects.replaceAndDelete(proxy, virtual);
        } else if (alias != proxy.value()) {
            if (alias instanceof ValueProxyNode ours && ours.proxyPoint() == proxy.proxyPoint()) {
                aliases.put(proxy, ours);
                effects.replaceAndDelete(proxy, ours);
            } else {
                effects.replaceInput(proxy, proxy.value(), virtualOf(proxy.value()), alias);
            }
        }
    }

    /**
     * What {@code value} stands for in {@code state}: the virtual object it aliases while virtual,
     * the real object once materialized, the replacement of a removed node, or itself.
     */
    ValueNode resolve(ValueNode value, BlockState state) {
        if (value == null) {
            return null;
        }
        ValueNode alias = value instanceof VirtualObjectNode ? value : aliases.getOrDefault(value, value);
        if (alias instanceof VirtualObjectNode virtual) {
            ObjectState object = state.get(virtual);
            if (object != null && !object.isVirtual()) {
                return object.materializedValue();
            }
        }
        return alias;
    }

    /** The virtual object that {@code node} aliases (and may already be replaced by), or null. */
    private VirtualObjectNode virtualOf(ValueNode node) {
        return aliases.get(node) instanceof VirtualObjectNode v ? v : null;
    }

    void unalias(ValueNode node) {
        aliases.remove(node);
    }

    void alias(ValueNode node, ValueNode target) {
        aliases.put(node, target);
    }

    /** The nodes that stand for {@code virtual} in the graph (its allocation, casts, phis, proxies). */
    List<ValueNode> aliasesOf(VirtualObjectNode virtual) {
        List<ValueNode> result = new ArrayList<>();
        for (Map.Entry<ValueNode, ValueNode> e : aliases.entrySet()) {
            if (e.getValue() == virtual) {
                result.add(e.getKey());
            }
        }
        return result;
    }

    void created(ValueNode value, HIRBlock block) {
        createdIn.put(value, block);
    }

    /** The block that computes {@code value}, or null for values the schedule does not place (constants). */
    HIRBlock definingBlock(ValueNode value) {
        if (createdIn.containsKey(value)) {
            return createdIn.get(value);
        }
        if (value.isAlive() && value.graph() == graph && !value.isDeleted()) {
            // The schedule places neither phis nor proxies: they belong to their merge or loop exit
            // (missing them here would let a loop phi be used after its loop without a proxy).
            if (value instanceof PhiNode phi) {
                return blockOf(phi.merge());
            }
            if (value instanceof ProxyNode proxy) {
                return blockOf(proxy.proxyPoint());
            }
            return schedule.getNodeToBlockMap().isNew(value) ? null : schedule.getNodeToBlockMap().get(value);
        }
        return null;
    }

    /**
     * Makes {@code object} real just before {@code position}, with every virtual object reachable
     * from its fields: one {@link CommitAllocationNode} allocates them all and fills their fields.
     * {@code user} is the node that needed the real object and {@code cause} why (required: the
     * report explains every kept allocation); the objects it reaches are recorded as held by it.
     */
    void materialize(VirtualObjectNode object, BlockState state, Effects effects, FixedNode position, Node user, Cause cause) {
        materialize(object, state, effects, position, user, cause, null, false);
    }

    /**
     * As above, at the end of {@code predecessor}, a path into a merge ({@code state} is its end
     * state). {@code besideReal}: another path made the object real (recorded for runtime
     * feedback, see {@link Decisions.Placed}).
     */
    void materializeAtEnd(VirtualObjectNode object, BlockState state, HIRBlock predecessor, Node user, Cause cause, boolean besideReal) {
        materialize(object, state, effectsOf(predecessor), endOf(predecessor), user, cause, null, besideReal);
    }

    /**
     * Both of the above, with {@code detail} for {@code object}'s own materialization (the objects
     * it reaches keep theirs) and {@code besideReal} as for {@link #materializeAtEnd}.
     */
    private void materialize(VirtualObjectNode object, BlockState state, Effects effects, FixedNode position, Node user, Cause cause, String detail, boolean besideReal) {
        if (state.get(object).isPending()) {
            pending.materialize(object, state, user, cause);
            return;
        }
        EconomicMap<VirtualObjectNode, VirtualObjectNode> holders = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        List<VirtualObjectNode> objects = state.reachableVirtual(object, holders);
        List<VirtualObjectNode> lockOrdered = strictLockOrder ? LockOrder.addOuterLocks(state, objects, holders) : List.of();
        EconomicMap<VirtualObjectNode, ObjectState> committed = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        List<AllocatedObjectNode> allocated = new ArrayList<>();
        EconomicMap<VirtualObjectNode, Materialization> why = EconomicMap.create(Equivalence.IDENTITY_WITH_SYSTEM_HASHCODE);
        HIRBlock block = blockOf(position);
        for (VirtualObjectNode o : objects) {
            ObjectState s = state.get(o);
            ValueNode representation = o.getMaterializedRepresentation(position, s.entries(), lockState(s.locks()));
            if (representation instanceof AllocatedObjectNode real) {
                committed.put(o, s);
                allocated.add(real);
            } else if (representation instanceof FixedWithNextNode fixed && !s.hasLocks() && !state.hasVirtualFields(o)) {
                // e.g. a box: a plain node takes the place of the commit for this object
                effects.addFixedBefore(position, fixed);
            } else {
                throw new Unsupported("cannot materialize " + o + " as " + representation);
            }
            state.put(o, ObjectState.materialized(representation));
            created(representation, block);
            VirtualObjectNode holder = holders.get(o);
            Materialization m = holder != null ? decisions.heldBy(holder, why.get(holder), position, user)
                            : decisions.materialization(position, user, lockOrdered.contains(o) ? Cause.MONITOR : cause, o == object ? detail : null);
            why.put(o, m);
            effects.add("record materialization", o, decisions.recorded(o, m, position, besideReal));
        }
        if (committed.isEmpty()) {
            return;
        }
        // A commit's allocation deoptimizes with the last frame state before it; after an exception
        // merge that state cannot describe an allocation. Rare: Graal's phase takes such graphs.
        FrameState before = GraphUtil.findLastFrameState(position);
        if (before != null && before.bci == BytecodeFrame.AFTER_EXCEPTION_BCI) {
            throw new Unsupported("an object would be allocated right after an exception merge (at " + position + ")");
        }
        // Fields pointing to objects of this commit name them by their virtual node; others are real values.
        List<ValueNode> values = new ArrayList<>();
        for (ObjectState s : committed.getValues()) {
            for (ValueNode entry : s.entries()) {
                values.add(entry instanceof VirtualObjectNode v && committed.containsKey(v) ? v : resolve(entry, state));
            }
        }
        effects.add("commit", position, new Commit(position, committed, allocated, values, why));
    }

    /**
     * The effect that builds a commit when it is applied: a node's input lists may only be filled
     * once the node is in the graph (usages are registered as inputs are set).
     */
    private record Commit(FixedNode position, EconomicMap<VirtualObjectNode, ObjectState> committed, List<AllocatedObjectNode> allocated, List<ValueNode> values,
                    EconomicMap<VirtualObjectNode, Materialization> why) implements Effect {
        @Override
        public void apply(StructuredGraph graph) {
            commit(graph, position, committed, allocated, values);
        }

        /** The locks this commit would hold nested inside another lock of the same object, with why it commits that object. */
        Map<MonitorIdNode, Materialization> nestedLocks() {
            Map<MonitorIdNode, Materialization> nested = new IdentityHashMap<>();
            for (VirtualObjectNode o : committed.getKeys()) {
                for (MonitorIdNode lock : LockOrder.nestedLocks(committed.get(o))) {
                    nested.put(lock, why.get(o));
                }
            }
            return nested;
        }
    }

    private static void commit(StructuredGraph graph, FixedNode position, EconomicMap<VirtualObjectNode, ObjectState> committed, List<AllocatedObjectNode> allocated,
                    List<ValueNode> values) {
        if (Effects.gone(graph, position)) {
            return; // on a path that an earlier effect removed (e.g. a killed exception edge)
        }
        CommitAllocationNode commit = graph.add(new CommitAllocationNode());
        for (VirtualObjectNode object : committed.getKeys()) {
            ObjectState s = committed.get(object);
            commit.getVirtualObjects().add(Effects.alive(graph, object));
            commit.getEnsureVirtual().add(s.ensureVirtualized());
            commit.addLocks(s.locks());
        }
        for (ValueNode v : values) {
            commit.getValues().add(Effects.alive(graph, v));
        }
        graph.addBeforeFixed(position, commit);
        for (AllocatedObjectNode real : allocated) {
            Effects.alive(graph, real).setCommit(commit);
        }
    }

    private static LockState lockState(List<MonitorIdNode> locks) {
        LockState result = null;
        for (MonitorIdNode lock : locks) {
            result = new LockState(lock, result);
        }
        return result;
    }

    /** The insertion point at the end of {@code block}: before its end node. */
    static FixedNode endOf(HIRBlock block) {
        FixedNode end = block.getEndNode();
        if (!(end instanceof AbstractEndNode)) {
            throw new Unsupported("a merge predecessor that does not end in an end node: " + end);
        }
        return end;
    }
}
