package dev.escape.lang;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

/**
 * An esl error, syntax or run time: a guest exception, so the host sees a
 * {@code PolyglotException} whose {@code isGuestException()} is true and whose message is this
 * one ("esl: ...").
 */
public final class EslException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private EslException(String message, Node location) {
        super(message, location);
    }

    @TruffleBoundary
    public static EslException error(Node location, String message) {
        return new EslException("esl: " + message, location);
    }

    @TruffleBoundary
    public static EslException syntax(String source, int line, String message) {
        return new EslException("esl: syntax error at " + source + ":" + line + ": " + message, null);
    }
}
