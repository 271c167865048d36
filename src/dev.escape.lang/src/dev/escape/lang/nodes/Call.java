package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.ExplodeLoop;

import dev.escape.lang.EslFunction;

/**
 * {@code f(a, b)}: the arguments go in an array (the callee's frame arguments), through a
 * {@link DirectCallNode} made at the first call, so Truffle can inline the callee and escape
 * analysis sees the arguments and the returned object in one graph.
 */
public final class Call extends EslNode {
    private final EslFunction function;
    @Children private final EslNode[] arguments;
    @Child private DirectCallNode call;

    public Call(EslFunction function, EslNode[] arguments) {
        this.function = function;
        this.arguments = arguments;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].execute(frame);
        }
        if (call == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            call = insert(DirectCallNode.create(function.target()));
        }
        return call.call(values);
    }
}
