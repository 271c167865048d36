package dev.escape.decisions;

import java.util.List;

/**
 * Everything escape decided in one compilation of one method.
 *
 * @param method the compiled (root) method, as {@code Class.name(descriptor)}
 * @param compilationId Graal's id of the compilation
 * @param analysis which analysis made the decisions ("graal" for Graal's own phase)
 * @param fallback why escape's own analysis did not run on this graph, or null when it did
 * @param before allocation nodes by kind when the phase started
 * @param after allocation nodes left when it ended, materializations included
 * @param feedback for a compilation that acted on runtime feedback, which feedback recompilation
 *            it is; null otherwise
 */
public record CompilationRecord(String method, String compilationId, String analysis, String fallback, Census.Counts before, Census.Counts after,
                List<SiteDecision> sites, FeedbackRound feedback) {

    /** A compilation that did not act on runtime feedback. */
    public CompilationRecord(String method, String compilationId, String analysis, String fallback, Census.Counts before, Census.Counts after, List<SiteDecision> sites) {
        this(method, compilationId, analysis, fallback, before, after, sites, null);
    }

    /**
     * A compilation that acted on what runtime feedback counted (cold materializations speculated
     * away, hot calls inlined).
     *
     * @param method the method as runtime feedback names it ({@code MethodFeedback.method()}: like
     *            {@link CompilationRecord#method}, with {@code (OSR at bci N)} for an OSR compilation)
     * @param recompile which feedback recompilation of that method this is, 1 for the first
     *            ({@code FeedbackEvent.recompile()} of what it did)
     */
    public record FeedbackRound(String method, int recompile) {
    }

    public long count(Decision decision) {
        return sites.stream().filter(s -> s.decision() == decision).count();
    }
}
