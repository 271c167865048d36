package dev.escape.bench.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The JIT compiler's share of JMH's {@code gc.alloc.rate.norm}, as {@code jit.alloc.norm} (B/op).
 *
 * <p>
 * JMH's gc profiler counts the bytes allocated by every thread of the fork. Graal used as the JIT
 * through JVMCI is Java code that allocates on the same heap, on the "JVMCI CompilerThread"s, so
 * an iteration during which a method is compiled shows the compiler's garbage as the benchmark's
 * (C1 and C2 allocate outside the Java heap and add nothing). This profiler measures the bytes the
 * compiler threads allocate during each iteration, per operation, so that the report can show what
 * the benchmark itself allocates: {@code gc.alloc.rate.norm - jit.alloc.norm}.
 *
 * <p>
 * Use with {@code -prof dev.escape.bench.profile.JitAllocationProfiler} next to {@code -prof gc};
 * forks should run with {@code -XX:-UseDynamicNumberOfCompilerThreads}, so that no compiler thread
 * ends (and takes its count along) during an iteration.
 */
public final class JitAllocationProfiler implements InternalProfiler {
    /** The name of the metric, as it appears among JMH's secondary results. */
    public static final String METRIC = "jit.alloc.norm";

    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "Bytes allocated on the heap by the JIT compiler's threads, per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = compilerThreadBytes();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long bytes = 0;
        for (Map.Entry<Long, Long> e : compilerThreadBytes().entrySet()) {
            // A compiler thread started during the iteration allocated all its bytes in it.
            bytes += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) bytes / ops;
        return List.of(new ScalarResult(METRIC, perOp, "B/op", AggregationPolicy.AVG));
    }

    /** Allocated bytes so far, per compiler thread id. */
    private Map<Long, Long> compilerThreadBytes() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("CompilerThread")) {
                long allocated = threads.getThreadAllocatedBytes(info.getThreadId());
                if (allocated >= 0) {
                    out.put(info.getThreadId(), allocated);
                }
            }
        }
        return out;
    }
}
