package dev.escape.decisions;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decisions of every compilation in this VM. Compiler threads append concurrently; the
 * report reads a snapshot at exit.
 */
public final class DecisionLog {
    private static final DecisionLog GLOBAL = new DecisionLog();

    private final ConcurrentLinkedQueue<CompilationRecord> records = new ConcurrentLinkedQueue<>();
    private final AtomicLong filteredOut = new AtomicLong();

    public static DecisionLog global() {
        return GLOBAL;
    }

    public void add(CompilationRecord record) {
        records.add(record);
    }

    /** Counts a compilation whose method did not match the method filter. */
    public void skip() {
        filteredOut.incrementAndGet();
    }

    public List<CompilationRecord> snapshot() {
        return List.copyOf(records);
    }

    public long filteredOut() {
        return filteredOut.get();
    }
}
