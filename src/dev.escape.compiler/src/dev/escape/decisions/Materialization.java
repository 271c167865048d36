package dev.escape.decisions;

import java.util.List;

/**
 * A place where a virtual object became a real one, and why.
 *
 * @param at where the allocation now happens, innermost frame first (empty without positions)
 * @param cause what forced it
 * @param detail what the cause is about, e.g. the callee of a call that was not inlined
 */
public record Materialization(List<Frame> at, Cause cause, String detail) {

    /** Why an object had to exist for real at a point. */
    public enum Cause {
        /** The analysis that ran cannot tell: it only compared the graph before and after. */
        UNKNOWN("materialized");

        public final String text;

        Cause(String text) {
            this.text = text;
        }
    }

    /**
     * Identifies this materialization point across recompilations (site + cause + position), so
     * runtime feedback can count it and speculate on it.
     */
    public String key(AllocationSite site) {
        return site.key() + " | " + cause + " | " + at.stream().map(Frame::key).reduce((a, b) -> a + " <- " + b).orElse("?");
    }

    public String describe() {
        String where = at.isEmpty() ? "an unknown position" : at.get(0).location();
        return cause.text + " at " + where + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
