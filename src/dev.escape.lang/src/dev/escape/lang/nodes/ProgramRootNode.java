package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.RootNode;

import dev.escape.lang.EslException;
import dev.escape.lang.EslFunction;
import dev.escape.lang.EslLanguage;
import dev.escape.lang.EslObject;

/**
 * What parsing a source gives the polyglot engine: calling it calls the program's {@code main}
 * with the host's arguments (host numbers become esl integers or doubles) and gives the host
 * {@code main}'s result (an object as its text: esl's objects do not cross into the host).
 */
public final class ProgramRootNode extends RootNode {
    private final EslFunction main;
    @Child private DirectCallNode call;

    public ProgramRootNode(EslLanguage language, EslFunction main) {
        super(language);
        this.main = main;
        this.call = DirectCallNode.create(main.target());
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object[] hostArguments = frame.getArguments();
        if (hostArguments.length != main.arity()) {
            CompilerDirectives.transferToInterpreter();
            throw EslException.error(this, "main takes " + main.arity() + " arguments, got " + hostArguments.length);
        }
        Object[] arguments = new Object[hostArguments.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = fromHost(hostArguments[i]);
        }
        Object result = call.call(arguments);
        return result instanceof EslObject o ? text(o) : result;
    }

    private Object fromHost(Object value) {
        if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return (double) f;
        }
        CompilerDirectives.transferToInterpreter();
        throw EslException.error(this, "main's arguments must be numbers or booleans, got " + Values.describe(value));
    }

    @TruffleBoundary
    private static String text(EslObject o) {
        return o.toString();
    }

    @Override
    public String getName() {
        return "esl program";
    }

    @Override
    public String toString() {
        return getName();
    }
}
