package dev.escape.lang;

import com.oracle.truffle.api.CallTarget;

/**
 * A function of a program. Calls are parsed before every function body is, so a call names the
 * function and finds its call target when it first runs (recursion, calls to later functions).
 */
public final class EslFunction {
    private final String name;
    private final int arity;
    private CallTarget target;

    public EslFunction(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public CallTarget target() {
        return target;
    }

    void setTarget(CallTarget target) {
        this.target = target;
    }
}
