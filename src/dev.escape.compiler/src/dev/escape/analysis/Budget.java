package dev.escape.analysis;

/**
 * Bounds one compilation's analysis. Work is counted in units, not time, so that the same graph
 * always gets the same decision (tests and runtime feedback can rely on it): one unit per node
 * visited and one per object state carried into a block, loop rounds included, so nested loops
 * that re-analyze each other are counted as often as they run. Memory is bounded by the objects
 * one block state tracks at once (each with at most Graal's {@code MaximumEscapeAnalysisArrayLength}
 * entries).
 * <p>
 * Going over either bound throws {@link Exhausted}: the analysis stops at once, before it has
 * touched the graph (effects are applied only at the end), and the graph stays as it is, every
 * allocation kept with the reason recorded ({@link Decisions#stopped}). That is the cheapest
 * correct outcome. Handing the graph to Graal's phase instead would add that phase's work to
 * what was already spent: on the eight-loop nest of the tests it took 2-3x the time and 3.5x
 * the memory of escape's whole analysis. Going on with new allocations kept real would still
 * re-analyze the loops in progress with the objects already virtual, the work that ran out.
 */
public final class Budget {
    private final long units;
    private final int objects;
    private long used;

    /**
     * @param units work units the analysis may spend
     * @param objects object states one block state may hold at once
     */
    public Budget(long units, int objects) {
        this.units = units;
        this.objects = objects;
    }

    /** Spends {@code n} units and checks how many objects {@code state} tracks. */
    void charge(int n, BlockState state) {
        used += n;
        if (used > units) {
            throw new Exhausted(units + " work units (EscapeAnalysisBudget)");
        }
        if (state.size() > objects) {
            throw new Exhausted(objects + " objects tracked at once (EscapeMaxVirtualObjects)");
        }
    }

    /** The analysis went over its budget; the message says which limit, for the record. */
    public static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted(String limit) {
            super(limit, null, false, false);
        }
    }
}
