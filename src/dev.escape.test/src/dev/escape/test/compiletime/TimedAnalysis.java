package dev.escape.test.compiletime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import dev.escape.integration.EscapeAnalysis;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;

/**
 * Runs another analysis and keeps how long it took, so that a compilation's time in the escape
 * analysis slot can be told apart from the rest of the pipeline. It counts the thread's CPU time,
 * not wall time: on a shared machine, time spent descheduled is not the analysis's.
 */
final class TimedAnalysis implements EscapeAnalysis {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** HotSpot's bean also counts the bytes a thread allocates. */
    private static final com.sun.management.ThreadMXBean ALLOCATIONS = (com.sun.management.ThreadMXBean) THREADS;
    private final EscapeAnalysis delegate;
    private long nanos;
    private long bytes;
    private boolean fellBack;

    TimedAnalysis(EscapeAnalysis delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Outcome apply(StructuredGraph graph, CoreProviders context) {
        long start = THREADS.getCurrentThreadCpuTime();
        long allocatedBefore = ALLOCATIONS.getCurrentThreadAllocatedBytes();
        try {
            Outcome outcome = delegate.apply(graph, context);
            fellBack |= outcome.fallback() != null;
            return outcome;
        } finally {
            nanos += THREADS.getCurrentThreadCpuTime() - start;
            bytes += ALLOCATIONS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        }
    }

    /** Bytes this thread allocated in {@link #apply} so far (all calls): the analysis's garbage and what it keeps. */
    long bytes() {
        return bytes;
    }

    /** CPU time spent in {@link #apply} so far (all calls), in nanoseconds. */
    long nanos() {
        return nanos;
    }

    /** Whether the analysis handed a graph to Graal's phase (its time then includes that phase). */
    boolean fellBack() {
        return fellBack;
    }
}
