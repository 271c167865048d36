/**
 * escape's partial escape analysis and scalar replacement over Graal IR.
 *
 * <h2>The model</h2>
 *
 * An allocation starts out <em>virtual</em>: no object exists, only the values its fields would
 * hold. The analysis walks the scheduled graph in reverse post order ({@link dev.escape.analysis.Analysis})
 * and carries, at each point, a {@link dev.escape.analysis.BlockState}: for every virtual object an
 * {@link dev.escape.analysis.ObjectState} with its field values and the locks held on it, or, once
 * it has been made real on this path, the node that is the real object. Each node acts on that
 * state through Graal's own protocol: {@code Virtualizable.virtualize} on our
 * {@link dev.escape.analysis.Tool}, a {@code VirtualizerTool}. A field read of a virtual object
 * becomes the field's value, a write changes the state, an allocation adds an object. A node that
 * stays in the graph and needs the object itself (a call, a store to the heap, a return, a real
 * lock) gets it <em>materialized</em> right before it: one {@code CommitAllocationNode} for the
 * object and every virtual object it reaches, on that path only. That is what makes the analysis
 * partial: a path that never needs the object never allocates it.
 *
 * <p>
 * Where paths meet, {@link dev.escape.analysis.Merges} combines their states: an object virtual on
 * every path stays virtual (differing fields become phis), objects of one shape meeting at a phi
 * become one new virtual object when nothing can tell them apart ({@link dev.escape.analysis.Identity}),
 * and so do the objects they hold, field by field, to any depth (a guest object holding an array
 * holding boxes meets another as one virtual object, one virtual array and virtual boxes),
 * and an object that is real on some paths is made real on the others only if something after the
 * merge needs it. Where that something only reads fields, or only tests for null, the object stays
 * <em>pending</em> ({@link dev.escape.analysis.PendingMerge}, {@link dev.escape.analysis.PendingObjects}):
 * not allocated on the virtual paths until a node that needs more arrives, and then allocated at
 * the end of those paths, with a phi of the real objects. Where a test right after such a merge is
 * decided by each incoming path on its own, {@link dev.escape.analysis.BranchSplitting} splits it
 * between rounds, so that the next round sees the object on its own path; a loop that walks a small
 * structure of virtual objects ({@code n = n.next}) is peeled between rounds by
 * {@link dev.escape.analysis.WalkPeeling}, once per object. Loops ({@link dev.escape.analysis.Loops}) are analyzed until the state at the
 * header agrees with the back edges, or cut off by materializing at the entry; an object replaced
 * in every iteration (and the objects it holds, nested) is carried around the loop as one virtual
 * object whose fields are phis.
 * {@link dev.escape.analysis.FrameStates} describes every virtual object that a frame state refers
 * to, so a deoptimization rebuilds what the interpreter would see.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 * <li>The graph changes only inside an {@link dev.escape.analysis.Effect}. Effects are collected per
 * block ({@link dev.escape.analysis.Effects}) and applied after the whole analysis: a loop can be
 * analyzed again, and a graph the analysis gives up on ({@link dev.escape.analysis.Unsupported})
 * is untouched and goes to Graal's phase. Each effect has a name: applying it is logged in the
 * {@code EscapeAnalysis} debug scope ({@code -Djdk.graal.Log=EscapeAnalysis:5}) and counted
 * ({@code -Djdk.graal.Count=}, counters {@code EscapeEffect_*}); one about a node an earlier
 * effect removed is skipped, and logged. Each round's graph is dumped at the detailed level
 * ({@code -Djdk.graal.Dump=:4}).</li>
 * <li>Effects apply in block order: a loop header's entry effects, then each block's own, and the
 * loops' back-edge effects last.</li>
 * <li>Every node the analysis creates is registered with {@code Analysis.created} and its block;
 * otherwise a value carried out of a loop gets no exit proxy.</li>
 * <li>A block's state is a copy: a block never changes a predecessor's state, except for the
 * materializations a merge puts at the end of its predecessors, which also replace those
 * predecessors' end states.</li>
 * <li>Aliases (which virtual object a node stands for) are global to one analysis and reset when a
 * node is visited again, so a loop's second round does not see its first round's guesses.</li>
 * <li>Every materialization names the node that forced it and its
 * {@link dev.escape.decisions.Materialization.Cause}, a required argument of {@code Analysis.materialize}
 * ({@code Decisions.causeOf} says what a node that stays in the graph does with the object); an
 * object made real with its holder keeps the whole chain of holders: the report explains each
 * kept allocation.</li>
 * <li>No commit holds two locks of one object: Graal's lowering of that can leave a monitor exit
 * without its enter ({@link dev.escape.analysis.LockOrder}); the analysis runs again with the inner
 * enter kept real instead ({@code Analysis.analyze}).</li>
 * <li>A phi the analysis creates has a stamp that admits every one of its inputs
 * ({@code Merges.phiOf}). A narrower stamp is a miscompile: the canonicalizer folds the phi by its
 * stamp (a phi of null, a new object and null once became the constant null).</li>
 * <li>Code that runs in every compilation (this package, {@code dev.escape.feedback}, the census)
 * uses no streams and passes no lambdas to the JDK's collections ({@code forEach},
 * {@code computeIfAbsent}, {@code sort} with a comparator): as the JIT (jargraal) escape runs in
 * the VM it compiles for and shares the JDK's profiles with the program. Its streams made the
 * program's own stream pipelines polymorphic (Functional.streamList ran at 0.70x of graal's
 * speed with the same allocation: {@code ArrayList$ArrayListSpliterator.forEachRemaining} compiled
 * without its sink inlined).</li>
 * </ul>
 *
 * <h2>Where a change goes</h2>
 *
 * A new kind of node that uses objects: its {@code virtualize} (Graal's) or
 * {@code Analysis.processNode}. What happens where paths meet: {@code Merges}; around loops:
 * {@code Loops}; deoptimization state: {@code FrameStates}; how a decision is recorded and
 * explained: {@code Decisions} and the {@code dev.escape.decisions} package; limits:
 * {@code Budget}; the check of the graph after the effects: {@code GraphCheck}.
 */
package dev.escape.analysis;
