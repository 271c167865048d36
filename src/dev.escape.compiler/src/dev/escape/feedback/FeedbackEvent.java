package dev.escape.feedback;

import java.util.Locale;

/**
 * Something runtime feedback did to a method, for the report.
 *
 * @param recompile which feedback recompilation of the method it belongs to (1 is the first)
 * @param site the allocation site ({@code Foo.java:12: new Point})
 * @param materialization where and why objects of the site were made real ({@code at Foo.java:14 (returned)}), or null
 * @param count how often that materialization ran in the window that decided it, or -1
 * @param siteCount how often the site ran in that window, or -1
 */
public record FeedbackEvent(int recompile, Kind kind, String site, String materialization, long count, long siteCount) {

    public enum Kind {
        /** The materialization was cold: its path became a speculative deoptimization. */
        SPECULATED("speculated"),
        /** The materialization was cold, but the method may no longer speculate on it (it failed before). */
        NOT_SPECULATED("not speculated: it failed before"),
        /** The materialization was at a call that was not inlined and ran hot: the call is inlined on recompilation. */
        INLINED("call inlined"),
        /** A speculation failed (the path ran after all): the method is compiled without speculation from now on. */
        FAILED("speculation failed; the method keeps its code without speculation"),
        /** Nothing was made real, or nothing that feedback could act on, for many windows: the method is compiled without counters from now on. */
        IDLE("nothing to act on for " + Feedback.IDLE_WINDOWS + " windows in a row; compiled without counters from now on"),
        /** The method had its last feedback recompilation ({@code EscapeFeedbackRecompiles}). */
        LIMIT("feedback recompilation limit reached");

        public final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** {@code Foo.java:12: new Point: its materialization at Foo.java:14 (returned) ran 0 of 1,204,000 times; speculated}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (site != null) {
            sb.append(site).append(": ");
        }
        if (materialization != null) {
            sb.append("its materialization ").append(materialization);
            if (count >= 0) {
                sb.append(String.format(Locale.ROOT, " ran %,d of %,d times", count, siteCount));
            }
            sb.append("; ");
        }
        return sb.append(kind.text).toString();
    }
}
