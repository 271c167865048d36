/**
 * Runtime feedback: escape's analysis decides again once compiled code has shown what really
 * escapes.
 *
 * <p>
 * The loop, per compiled method ({@link dev.escape.feedback.Unit}; an OSR compilation is a method
 * of its own):
 * <ol>
 * <li><b>Count.</b> In its first round, escape's analysis hands its plan to {@link dev.escape.feedback.FeedbackSession},
 * whose {@link dev.escape.feedback.Instrumentation} instruments the code about to be produced: a counter at each materialization it places of a
 * site feedback could improve (one a merge makes real at the end of one path while another path
 * makes it real too, or one made real at a call that looked cold), and one at the site's allocation,
 * with a guard on its value. Counters are plain {@code long}s in arrays compiled code embeds
 * ({@link dev.escape.feedback.Counters}), named by {@link dev.escape.feedback.Anchor}s that are the
 * same in every compilation of the method, inlined copies included.</li>
 * <li><b>Judge.</b> A daemon thread ({@link dev.escape.feedback.Monitor}) reads the counters every
 * {@code EscapeFeedbackPeriod} ms. Once a site ran {@code EscapeFeedbackSamples} times it judges the
 * window: a materialization that ran at most {@code EscapeFeedbackColdPerMillion} per million runs
 * of the site while one at a merge ran hot is cold; one at a call that ran at least
 * {@code EscapeFeedbackHotPerMillion} is a hot call. With either, it makes the site's counter
 * negative, and the guard deoptimizes with {@code InvalidateRecompile}: HotSpot compiles the method
 * again. Without, the site starts a new window, so a program that changes phase is seen soon after.</li>
 * <li><b>Recompile.</b> The inlining policy of escape's configuration inlines the hot calls. The
 * analysis's first round finds the cold materializations again by their anchors and puts a
 * speculative deoptimization ({@code UnreachedCode}, a speculation of the method's
 * {@code SpeculationLog}) in their place; canonicalization removes the code behind it, and the
 * analysis runs again on the graph without it, keeping the object virtual past the merge.</li>
 * <li><b>Bounded.</b> At most {@code EscapeFeedbackRecompiles} feedback recompilations per method.
 * A speculation that fails deoptimizes (its frame state describes every virtual object, as any of
 * escape's deoptimizations) and marks itself failed in the speculation log; the next compilation
 * sees that and the method is compiled without speculation or instrumentation from then on.</li>
 * </ol>
 * Counts race between threads and may lose increments; no decision about correctness depends on them.
 */
package dev.escape.feedback;
