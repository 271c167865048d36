package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

import dev.escape.lang.EslException;

/** An esl AST node: statements and expressions alike produce a value (statements: null). */
public abstract class EslNode extends Node {
    public abstract Object execute(VirtualFrame frame);

    /** The value as a condition: esl has no truthiness, only booleans. */
    public final boolean executeCondition(VirtualFrame frame) {
        Object value = execute(frame);
        if (value instanceof Boolean b) {
            return b;
        }
        CompilerDirectives.transferToInterpreter();
        throw EslException.error(this, "condition is not a boolean: " + Values.describe(value));
    }
}
