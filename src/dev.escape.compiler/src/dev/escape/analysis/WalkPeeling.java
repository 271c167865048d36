package dev.escape.analysis;

import java.util.Map;

import jdk.graal.compiler.core.common.cfg.CFGLoop;
import jdk.graal.compiler.loop.phases.LoopTransformations;
import jdk.graal.compiler.nodes.LoopBeginNode;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ProxyNode;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;
import jdk.graal.compiler.nodes.java.LoadFieldNode;
import jdk.graal.compiler.nodes.loop.Loop;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.graal.compiler.nodes.virtual.VirtualInstanceNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.graal.compiler.options.OptionKey;

/**
 * Peels a loop that walks a small structure of virtual objects ({@code for (n = head; n != null; n
 * = n.next)} over nodes built in the same method), once per object and once more for the end.
 *
 * <p>
 * The walk's variable is a loop phi that takes a different object in each iteration, so a round
 * has to make every node real at the loop entry. A round finds the walk at the loop header (the
 * phi's entry value is a virtual object, its back-edge value a load of one field of the phi, and
 * the phi is not used after the loop, where the peeled exits would merge the objects again) and
 * follows that field through the entry state to a null (the structure's end, where the peeled copy
 * of the loop test folds and the loop is gone) or to a value that is not virtual. Between rounds
 * the loop is peeled that many times; in the next round every peeled iteration reads one known
 * virtual object, and the nodes stay virtual unless something else needs them.
 *
 * <p>
 * Peeling is always correct; the limits only bound the code it adds: at most
 * {@link #MAX_PEELS} peels, and a loop of at most {@link #EscapeWalkPeelingNodes} nodes times its
 * peels, without loops inside it.
 */
public final class WalkPeeling {
    /** Most nodes a walk's loop times its peels may have (0: no peeling). */
    public static final OptionKey<Integer> EscapeWalkPeelingNodes = new OptionKey<>(500);
    /** The most objects a walk may follow: a longer structure keeps its nodes. */
    static final int MAX_PEELS = 8;

    private WalkPeeling() {
    }

    /**
     * How many times the loop of {@code loopBegin} would have to be peeled for its walk over the
     * objects virtual in {@code entry}, the state at its entry; 0 if it walks none.
     */
    static int peelsFor(LoopBeginNode loopBegin, BlockState entry, Analysis analysis) {
        if (loopBegin.getLoopEndCount() != 1) {
            return 0;
        }
        int most = 0;
        for (PhiNode phi : loopBegin.valuePhis()) {
            most = Math.max(most, peelsFor(phi, entry, analysis));
        }
        return most;
    }

    private static int peelsFor(PhiNode phi, BlockState entry, Analysis analysis) {
        if (!(analysis.resolve(phi.valueAt(0), entry) instanceof VirtualObjectNode first) || !(phi.valueAt(1) instanceof LoadFieldNode load)
                        || GraphUtil.skipPi(load.object()) != phi || load.isStatic() || phi.usages().filter(ProxyNode.class).isNotEmpty()) {
            return 0; // not a walk, or one whose variable is used after the loop: its exits would merge the objects again
        }
        VirtualObjectNode object = first;
        for (int peels = 1; peels <= MAX_PEELS; peels++) {
            if (!entry.isVirtual(object) || entry.get(object).isPending() || !(object instanceof VirtualInstanceNode instance)) {
                return 0;
            }
            int index = instance.fieldIndex(load.field());
            if (index < 0) {
                return 0;
            }
            ValueNode next = analysis.resolve(entry.get(object).entry(index), entry);
            if (next.isNullConstant()) {
                return peels + 1; // the last peel tests the end: the loop after it is never entered
            }
            if (!(next instanceof VirtualObjectNode nextObject) || !entry.isVirtual(nextObject)) {
                return peels; // the walk goes on into real objects: the loop stays for them
            }
            object = nextObject;
        }
        return 0;
    }

    /**
     * Peels each loop of {@code walks} its number of times, if it is small enough and has no loops
     * inside. Returns the number of peels.
     */
    public static int apply(StructuredGraph graph, CoreProviders context, Map<LoopBeginNode, Integer> walks, int maxNodes) {
        int done = 0;
        for (Map.Entry<LoopBeginNode, Integer> walk : walks.entrySet()) {
            LoopBeginNode loopBegin = walk.getKey();
            int peels = walk.getValue();
            for (int i = 0; i < peels && loopBegin.isAlive(); i++) {
                Loop loop = context.getLoopsDataProvider().getLoopsData(graph).loop(loopBegin);
                if (loop == null || !peelable(loop, peels, maxNodes)) {
                    break;
                }
                LoopTransformations.peel(loop);
                done++;
            }
        }
        return done;
    }

    private static boolean peelable(Loop loop, int peels, int maxNodes) {
        CFGLoop<HIRBlock> cfgLoop = loop.getCFGLoop();
        return cfgLoop.getChildren().isEmpty() && (long) loop.size() * peels <= maxNodes;
    }
}
