package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import dev.escape.lang.EslObject;

/** esl's values: {@code Long}, {@code Double}, {@code Boolean} and {@link EslObject}. */
public final class Values {
    private Values() {
    }

    @TruffleBoundary
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof EslObject o) {
            return "a " + o.type().name();
        }
        if (value instanceof Long || value instanceof Double) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
