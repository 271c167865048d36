package dev.escape.realworld;

import java.nio.file.Path;

/** One real third-party workload. {@link #iteration()} is what gets measured. */
public interface Workload {
    /** One-time preparation (reading corpora, generating inputs). Not measured. */
    void setup(Path corpusDir) throws Exception;

    /**
     * One complete unit of work, run on the calling thread only. Returns a checksum of its
     * output, which must not depend on the JIT or on which iteration this is.
     */
    long iteration() throws Exception;

    /** Default minimum warm-up iterations for this workload. */
    default int defaultWarmup() { return 20; }

    /**
     * Default upper bound on warm-up iterations: warm-up stops earlier once allocation is stable and
     * the JIT is idle (see Harness).
     */
    default int defaultMaxWarmup() { return Math.max(3 * defaultWarmup(), defaultWarmup() + 10); }

    /** Default cap on the warm-up's wall time, in seconds (the warm-up ends at the first of the caps). */
    default int defaultMaxWarmupSeconds() { return 45; }

    /** Default measured iterations for this workload. */
    default int defaultMeasured() { return 5; }
}
