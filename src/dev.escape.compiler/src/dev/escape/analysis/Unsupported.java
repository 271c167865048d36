package dev.escape.analysis;

/**
 * Thrown when the analysis meets something it does not handle. Nothing has been changed in the
 * graph at that point (effects are applied only at the end), so the driver can fall back to
 * Graal's phase and record this message as the reason.
 */
public final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unsupported(String reason) {
        super(reason, null, false, false);
    }
}
