package dev.escape.decisions;

import java.util.List;

/**
 * A place where a virtual object became a real one, and why.
 *
 * @param at where the allocation now happens, innermost frame first (empty without positions)
 * @param cause what forced it
 * @param detail what the cause is about, e.g. the callee of a call that was not inlined, or the
 *            class of a node that cannot be virtualized; for {@link Cause#HOLDER_ESCAPED}, why the
 *            last holder of the chain was made real; may be null
 * @param holders for {@link Cause#HOLDER_ESCAPED}: the chain of objects that held this one, from
 *            the one holding it directly to the one that escaped for a reason of its own; empty
 *            otherwise
 */
public record Materialization(List<Frame> at, Cause cause, String detail, List<AllocationSite> holders) {

    public Materialization(List<Frame> at, Cause cause, String detail) {
        this(at, cause, detail, List.of());
    }

    /** The object that held this one directly, for {@link Cause#HOLDER_ESCAPED}; null otherwise. */
    public AllocationSite holder() {
        return holders.isEmpty() ? null : holders.get(0);
    }

    /** The cause with its detail: {@code passed to a call that was not inlined: Log.log(Object)}. */
    public String reason() {
        return cause.text + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    /** Why an object had to exist for real at a point. */
    public enum Cause {
        /** The analysis that ran cannot tell: it only compared the graph before and after. */
        UNKNOWN("materialized"),
        /** Passed to a call that was not inlined. */
        CALL("passed to a call that was not inlined"),
        /** Stored into a field of an object that is not virtual. */
        STORE_FIELD("stored to a field of an escaping object"),
        /** Stored into a static field. */
        STORE_STATIC("stored to a static field"),
        /** Stored into an element of an array that is not virtual. */
        STORE_ARRAY("stored into an escaping array"),
        /** Returned from the compiled method. */
        RETURN("returned"),
        /** Thrown out of the compiled method. */
        THROW("thrown"),
        /** Meets a value that is not this virtual object (or one of another shape) at a merge. */
        MERGE("merged with another value"),
        /** Live across a loop whose analysis did not settle within the iteration bound. */
        LOOP_CUTOFF("loop analysis cut off"),
        /** An array access with an index that is not a constant. */
        VARIABLE_INDEX("array indexed by a variable"),
        /** Too many fields or elements to keep as scalars. */
        TOO_LARGE("too large to keep virtual"),
        /** A monitor operation that cannot stay virtual (e.g. unbalanced locking). */
        MONITOR("monitor rule"),
        /** Used by a node that does not take part in escape analysis. */
        NOT_VIRTUALIZABLE("used by a node that cannot take virtual objects"),
        /** Referenced from an object that was materialized (see {@code holder}). */
        HOLDER_ESCAPED("its holder escaped"),
        /** The analysis went over its work or memory budget and changed nothing (the limit is the detail). */
        BUDGET("analysis budget exhausted");

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
        return site.key() + " | " + cause + " | " + (at.isEmpty() ? "?" : Frame.chainKey(at));
    }

    /**
     * For {@link Cause#HOLDER_ESCAPED}: {@code its holder A escaped with its holder B (returned)},
     * the chain of holders and why the last one was made real.
     */
    public String holderChain() {
        StringBuilder sb = new StringBuilder("its holder ").append(holders.get(0).describe()).append(" escaped");
        for (AllocationSite next : holders.subList(1, holders.size())) {
            sb.append(" with its holder ").append(next.describe());
        }
        return detail == null || detail.isEmpty() ? sb.toString() : sb.append(" (").append(detail).append(')').toString();
    }

    public String describe() {
        return "materialized " + place();
    }

    /** Where and why, as {@link #describe} says it after "materialized ": {@code at File.java:12 (returned)}. */
    public String place() {
        String where = at.isEmpty() ? "an unknown position" : at.get(0).location();
        StringBuilder sb = new StringBuilder();
        sb.append("at ").append(where);
        String why = cause == Cause.UNKNOWN ? detail : reason();
        if (cause == Cause.HOLDER_ESCAPED && !holders.isEmpty()) {
            why = holderChain();
        }
        if (why != null && !why.isEmpty()) {
            sb.append(" (").append(why).append(')');
        }
        return sb.toString();
    }
}
