package dev.escape.analysis;

import jdk.graal.compiler.nodes.ConstantNode;
import jdk.graal.compiler.nodes.FixedGuardNode;
import jdk.graal.compiler.nodes.LogicNode;
import jdk.graal.compiler.nodes.NodeView;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.calc.ConditionalNode;
import jdk.graal.compiler.nodes.calc.IntegerBelowNode;
import jdk.graal.compiler.nodes.calc.IntegerEqualsNode;
import jdk.graal.compiler.nodes.java.AccessIndexedNode;
import jdk.graal.compiler.nodes.java.LoadIndexedNode;
import jdk.graal.compiler.nodes.java.StoreIndexedNode;
import jdk.graal.compiler.nodes.virtual.VirtualArrayNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;
import jdk.graal.compiler.options.OptionKey;
import jdk.vm.ci.meta.DeoptimizationAction;
import jdk.vm.ci.meta.DeoptimizationReason;
import jdk.vm.ci.meta.JavaKind;

/**
 * Loads and stores at an index that is not a constant, into a small virtual array of primitives.
 * Graal's nodes virtualize only constant indices; any other index made the array real. Here a load
 * {@code a[i]} of an array of length n becomes {@code i == 0 ? e0 : i == 1 ? e1 : ... : e(n-1)}, and a
 * store {@code a[i] = v} sets every element k to {@code i == k ? v : ek}: the array stays virtual, at
 * the cost of n conditional moves per access, so only arrays up to
 * {@link #EscapeVariableIndexLength} elements.
 *
 * <p>
 * The selects are only right for an index inside the array. An access the parser did not give an
 * explicit bounds check (HotSpot compilations leave it to lowering) gets one here: a guard that
 * deoptimizes when the index is out of range, so the interpreter throws the exception, with the
 * array described in the frame state as for any deoptimization of escape's.
 */
public final class VariableIndex {
    /** Longest virtual array whose elements a variable index may select (0: none). */
    public static final OptionKey<Integer> EscapeVariableIndexLength = new OptionKey<>(8);

    private VariableIndex() {
    }

    /**
     * Virtualizes {@code access} if it is a load or store of primitives at a variable index into a
     * virtual array short enough; true if it did (the tool has deleted or replaced the node).
     */
    static boolean virtualize(AccessIndexedNode access, Tool tool, int maxLength) {
        if (!(tool.getAlias(access.array()) instanceof VirtualArrayNode array)) { // an alias that is a virtual object node is virtual
            return false;
        }
        ValueNode index = tool.getAlias(access.index());
        int length = array.entryCount();
        JavaKind kind = access.elementKind();
        if (index.isConstant() || length == 0 || length > maxLength || !kind.isPrimitive() || array.componentType().getJavaKind() != kind) {
            return false;
        }
        if (access instanceof LoadIndexedNode load) {
            ValueNode[] entries = entries(tool, array);
            if (entries == null || !compatible(load, entries)) {
                return false;
            }
            checkBounds(access, tool, index, length);
            ValueNode selected = entries[length - 1];
            for (int k = length - 2; k >= 0; k--) {
                selected = select(tool, equals(tool, access, index, k), entries[k], selected);
            }
            tool.replaceWith(selected);
            return true;
        }
        if (access instanceof StoreIndexedNode store) {
            ValueNode value = tool.getAlias(store.value());
            ValueNode[] entries = entries(tool, array);
            if (entries == null || value instanceof VirtualObjectNode) {
                return false;
            }
            checkBounds(access, tool, index, length);
            for (int k = 0; k < length; k++) {
                if (!tool.setVirtualEntry(array, k, select(tool, equals(tool, access, index, k), value, entries[k]), kind, -1)) {
                    throw new IllegalStateException("a primitive element of " + array + " took no value of its own kind");
                }
            }
            tool.delete();
            return true;
        }
        return false;
    }

    /** The array's current elements, or null if one is not a plain value. */
    private static ValueNode[] entries(Tool tool, VirtualArrayNode array) {
        ValueNode[] entries = new ValueNode[array.entryCount()];
        for (int k = 0; k < entries.length; k++) {
            entries[k] = tool.getEntry(array, k);
            if (entries[k] == null || entries[k] instanceof VirtualObjectNode || entries[k].getStackKind() != array.componentType().getJavaKind().getStackKind()) {
                return null;
            }
        }
        return entries;
    }

    private static boolean compatible(LoadIndexedNode load, ValueNode[] entries) {
        for (ValueNode entry : entries) {
            if (!load.stamp(NodeView.DEFAULT).isCompatible(entry.stamp(NodeView.DEFAULT))) {
                return false;
            }
        }
        return true;
    }

    private static void checkBounds(AccessIndexedNode access, Tool tool, ValueNode index, int length) {
        if (access.getBoundsCheck() == null) {
            LogicNode inside = IntegerBelowNode.create(index, ConstantNode.forInt(length, access.graph()), NodeView.DEFAULT);
            tool.addNode(inside);
            tool.addNode(new FixedGuardNode(inside, DeoptimizationReason.BoundsCheckException, DeoptimizationAction.InvalidateReprofile));
        }
    }

    private static LogicNode equals(Tool tool, AccessIndexedNode access, ValueNode index, int k) {
        LogicNode test = IntegerEqualsNode.create(index, ConstantNode.forInt(k, access.graph()), NodeView.DEFAULT);
        tool.addNode(test);
        return test;
    }

    private static ValueNode select(Tool tool, LogicNode test, ValueNode ifTrue, ValueNode ifFalse) {
        if (ifTrue == ifFalse) {
            return ifTrue;
        }
        ValueNode select = ConditionalNode.create(test, ifTrue, ifFalse, NodeView.DEFAULT);
        tool.addNode(select);
        return select;
    }
}
