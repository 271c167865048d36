package dev.escape.feedback;

import jdk.graal.compiler.nodes.ConstantNode;
import jdk.graal.compiler.nodes.FixedGuardNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FixedWithNextNode;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.LogicConstantNode;
import jdk.graal.compiler.nodes.LogicNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.calc.AddNode;
import jdk.graal.compiler.nodes.calc.IntegerLessThanNode;
import jdk.graal.compiler.nodes.debug.BlackholeNode;
import jdk.graal.compiler.nodes.java.LoadIndexedNode;
import jdk.graal.compiler.nodes.java.StoreIndexedNode;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.vm.ci.meta.DeoptimizationAction;
import jdk.vm.ci.meta.DeoptimizationReason;
import jdk.vm.ci.meta.JavaKind;
import jdk.vm.ci.meta.SpeculationLog.Speculation;

/** The graph edits of runtime feedback: markers, counters, the guard that ends instrumented code, speculative deoptimizations. */
final class GraphEdits {
    private GraphEdits() {
    }

    /**
     * A place holder for a counter, put before {@code position} while escape's analysis still has
     * effects to apply (which remove the allocation a site counter stands for). It has no frame
     * state and no side effect, so the analysis and canonicalization leave it alone;
     * {@link #replaceByGuardedCount} turns it into the counter once every round has run.
     */
    static BlackholeNode marker(FixedNode position, int slot) {
        StructuredGraph graph = position.graph();
        BlackholeNode marker = graph.add(new BlackholeNode(ConstantNode.forInt(slot, graph), "escape feedback counter"));
        graph.addBeforeFixed(position, marker);
        return marker;
    }

    /** True if a fixed node can go right before {@code position} (as escape's commits do). */
    static boolean canPrecede(FixedNode position) {
        return position.isAlive() && position.predecessor() instanceof FixedWithNextNode;
    }

    /**
     * Replaces {@code marker} by {@code counter[slot] += 1} and a guard that
     * deoptimizes with {@code InvalidateRecompile} when the new count is negative (the {@link Monitor}
     * makes it so to end the instrumented code). The store shares the frame state of the last side
     * effect before it: a deoptimization after it re-executes from there, counting once more, which
     * only a counter sees.
     */
    static void replaceByGuardedCount(BlackholeNode marker, int slot, CoreProviders providers) {
        ValueNode sum = count(marker, slot, providers);
        StructuredGraph graph = marker.graph();
        LogicNode negative = graph.addOrUniqueWithInputs(new IntegerLessThanNode(sum, ConstantNode.forLong(0, graph)));
        graph.addBeforeFixed(marker, graph.add(new FixedGuardNode(negative, DeoptimizationReason.TransferToInterpreter, DeoptimizationAction.InvalidateRecompile, true)));
        remove(marker);
    }

    /** Puts {@code counter[slot] += 1} before {@code position}; returns the new count. */
    static ValueNode count(FixedNode position, int slot, CoreProviders providers) {
        StructuredGraph graph = position.graph();
        long[] memory = Counters.array(slot);
        ConstantNode array = ConstantNode.forConstant(providers.getSnippetReflection().forObject(memory), providers.getMetaAccess(), graph);
        ConstantNode index = ConstantNode.forInt(Counters.index(slot), graph);
        // The state before the position (the position itself may be a state split, e.g. an invoke, whose state holds its result).
        FrameState state = GraphUtil.findLastFrameState((FixedNode) position.predecessor());
        LoadIndexedNode load = graph.add(new LoadIndexedNode(null, array, index, null, JavaKind.Long));
        ValueNode sum = graph.addOrUniqueWithInputs(new AddNode(load, ConstantNode.forLong(1, graph)));
        StoreIndexedNode store = graph.add(new StoreIndexedNode(array, index, null, null, JavaKind.Long, sum));
        store.setStateAfter(state);
        graph.addBeforeFixed(position, load);
        graph.addBeforeFixed(position, store);
        return sum;
    }

    static void remove(BlackholeNode marker) {
        if (marker.isAlive()) {
            GraphUtil.removeFixedWithUnusedInputs(marker);
        }
    }

    /**
     * Deoptimizes before {@code position} whenever it is reached, under {@code speculation}: after
     * canonicalization the code only that deoptimization reaches is gone, and with it the merges
     * that made an object real on the paths that stay. A deoptimization there marks the
     * speculation failed, so no later compilation of the method repeats it.
     */
    static void speculateUnreached(FixedNode position, Speculation speculation) {
        StructuredGraph graph = position.graph();
        FixedGuardNode guard = graph.add(new FixedGuardNode(LogicConstantNode.contradiction(graph), DeoptimizationReason.UnreachedCode, DeoptimizationAction.InvalidateRecompile, speculation, false));
        graph.addBeforeFixed(position, guard);
    }
}
