package dev.escape.launcher;

/** A problem with the user's input or installation: reported as one line, never as a stack trace. */
public final class LaunchError extends Exception {
    private static final long serialVersionUID = 1L;

    public LaunchError(String message) {
        super(message, null, false, false);
    }
}
