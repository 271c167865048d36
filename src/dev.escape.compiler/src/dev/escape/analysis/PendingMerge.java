package dev.escape.analysis;

import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.cfg.HIRBlock;

/**
 * Where escape goes beyond Graal: an object that escaped on some paths into a merge (so is real
 * there) and is still virtual on the others need not be allocated on the virtual paths as long as
 * the code after the merge only reads its fields. Reads use phis of the field values (the real
 * object's fields are loaded at the end of its paths). The first node after the merge that needs
 * more (the object itself, a write, a call or other memory effect, a frame state) materializes it
 * at the end of the virtual paths and continues with a phi of the real objects.
 *
 * <p>
 * The same holds for a phi of one virtual object and {@code null} (a nullable object): then
 * {@code nonNull} is a phi that is 1 where the object came in and 0 where null did; null checks
 * read it, and field reads are allowed only where a null check has proved the object non-null.
 *
 * <p>
 * {@link Merges} makes objects pending; {@link PendingObjects} carries them on from there.
 *
 * @param predecessors the merge's predecessor blocks that take part (all but unreachable ones), in phi order
 * @param states the predecessors' end states (for materializing there later)
 * @param real the real value on each predecessor where it was real (or the null constant), null
 *            where the object was virtual
 * @param inputs the phi input index of each of {@code predecessors}
 * @param nonNull for a nullable object, the 1/0 phi telling whether it is there; null otherwise
 */
record PendingMerge(AbstractMergeNode merge, HIRBlock block, HIRBlock[] predecessors, BlockState[] states, ValueNode[] real, int[] inputs, ValueNode nonNull) {

    /**
     * True if the object was made real on some path into the merge, not only met there by null or
     * a constant: runtime feedback may find that path cold.
     */
    boolean realOnSomePath() {
        for (ValueNode value : real) {
            if (value != null && !value.isConstant()) {
                return true;
            }
        }
        return false;
    }
}
