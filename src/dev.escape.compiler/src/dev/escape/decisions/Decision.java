package dev.escape.decisions;

/** What became of an allocation site in one compilation. */
public enum Decision {
    /** No path allocates: every use was scalar-replaced. */
    ELIMINATED("eliminated"),
    /** Virtual on some paths; materialized only on the paths that needed the object. */
    PARTIAL("eliminated on some paths"),
    /** Allocated on every path. */
    KEPT("kept");

    public final String text;

    Decision(String text) {
        this.text = text;
    }
}
