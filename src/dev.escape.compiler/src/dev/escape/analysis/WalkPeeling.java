package dev.escape.analysis;

import java.util.ArrayList;
import java.util.List;
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
 * {@link #MAX_OBJECTS} objects, and a loop of at most {@link #EscapeWalkPeelingNodes} nodes times its
 * peels, without loops inside it.
 */
public final class WalkPeeling {
    /** Most nodes a walk's loop times its peels may have (0: no peeling). */
    public static final OptionKey<Integer> EscapeWalkPeelingNodes = new OptionKey<>(500);
    /** The most objects a walk may follow (peeled once each, and once more for the end): a longer structure keeps its nodes. */
    static final int MAX_OBJECTS = 8;

    private WalkPeeling() {
    }

    /** A loop's walk: the objects it reads, in order, and how often to peel the loop for them. */
    record Walk(List<VirtualObjectNode> objects, int peels) {
    }

    /**
     * The walk of the loop of {@code loopBegin} over the objects virtual in {@code entry}, the state
     * at its entry, or null if it walks none (the longest if several phis walk).
     */
    static Walk walkOf(LoopBeginNode loopBegin, BlockState entry, Analysis analysis) {
        if (loopBegin.getLoopEndCount() != 1) {
            return null;
        }
        Walk longest = null;
        for (PhiNode phi : loopBegin.valuePhis()) {
            Walk walk = walkOf(phi, entry, analysis);
            if (walk != null && (longest == null || walk.peels() > longest.peels())) {
                longest = walk;
            }
        }
        return longest;
    }

    private static Walk walkOf(PhiNode phi, BlockState entry, Analysis analysis) {
        if (!(analysis.resolve(phi.valueAt(0), entry) instanceof VirtualObjectNode first) || !(phi.valueAt(1) instanceof LoadFieldNode load)
                        || GraphUtil.skipPi(load.object()) != phi || load.isStatic() || phi.usages().filter(ProxyNode.class).isNotEmpty()) {
            return null; // not a walk, or one whose variable is used after the loop: its exits would merge the objects again
        }
        List<VirtualObjectNode> objects = new ArrayList<>();
        VirtualObjectNode object = first;
        while (objects.size() < MAX_OBJECTS) {
            if (!entry.isVirtual(object) || entry.get(object).isPending() || !(object instanceof VirtualInstanceNode instance)) {
                return null;
            }
            int index = instance.fieldIndex(load.field());
            if (index < 0) {
                return null;
            }
            objects.add(object);
            ValueNode next = analysis.resolve(entry.get(object).entry(index), entry);
            if (next == null) {
                return null;
            } else if (next.isNullConstant()) {
                return new Walk(objects, objects.size() + 1); // the last peel tests the end: the loop after it is never entered
            }
            if (!(next instanceof VirtualObjectNode nextObject) || !entry.isVirtual(nextObject)) {
                return new Walk(objects, objects.size()); // the walk goes on into real objects: the loop stays for them
            }
            object = nextObject;
        }
        return null;
    }

    /**
     * Peels each loop that {@code analysis} found walking its number of times, if it is small
     * enough and has no loops inside, and tells the decisions of the walked objects' sites.
     * Returns the number of peels.
     */
    public static int apply(StructuredGraph graph, CoreProviders context, Analysis analysis, int maxNodes) {
        int done = 0;
        for (Map.Entry<LoopBeginNode, Walk> entry : analysis.walkedLoops().entrySet()) {
            LoopBeginNode loopBegin = entry.getKey();
            Walk walk = entry.getValue();
            int peeled = 0;
            while (peeled < walk.peels() && loopBegin.isAlive()) {
                Loop loop = context.getLoopsDataProvider().getLoopsData(graph).loop(loopBegin);
                if (loop == null || !peelable(loop, walk.peels(), maxNodes)) {
                    break;
                }
                if (peeled == 0) {
                    analysis.decisions().rewrote(walk.objects(), "loop", loopBegin, "peeled " + walk.peels() + (walk.peels() == 1 ? " time" : " times") + " (a walk over its objects)");
                }
                LoopTransformations.peel(loop);
                peeled++;
            }
            done += peeled;
        }
        return done;
    }

    private static boolean peelable(Loop loop, int peels, int maxNodes) {
        CFGLoop<HIRBlock> cfgLoop = loop.getCFGLoop();
        return cfgLoop.getChildren().isEmpty() && (long) loop.size() * peels <= maxNodes;
    }
}
