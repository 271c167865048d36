package dev.escape.lang.nodes;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;

import dev.escape.lang.EslLanguage;

/**
 * A function's root: copies the arguments into the parameters' frame slots, runs the body and
 * returns what {@code return} threw (0 when the body ends without one). Its name is the function's,
 * which is what escape's report lists a Truffle compilation under ({@code "sum (Truffle)"}).
 */
public final class FunctionRootNode extends RootNode {
    private final String name;
    private final int parameters;
    @Child private EslNode body;

    public FunctionRootNode(EslLanguage language, FrameDescriptor frame, String name, int parameters, EslNode body) {
        super(language, frame);
        this.name = name;
        this.parameters = parameters;
        this.body = body;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        for (int i = 0; i < parameters; i++) {
            frame.setObject(i, arguments[i]);
        }
        try {
            body.execute(frame);
            return 0L;
        } catch (Control.ReturnException r) {
            return r.value();
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
