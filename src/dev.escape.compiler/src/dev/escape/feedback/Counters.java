package dev.escape.feedback;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory that instrumented code counts in: plain {@code long}s in arrays of this class that
 * compiled code reaches as constants (one load, add and store per count, no call, no lock).
 * Slots are handed out once and never reused, so code compiled long ago can only write to its own
 * counters. The arrays are allocated up front (a few MB at most), so an array a compiled method
 * refers to never moves to another slot range.
 *
 * <p>
 * Counts race: two threads can read the same value and both store it plus one, losing an increment.
 * That is harmless here: counts only choose what to speculate on, a count that is too low can at
 * worst make a materialization look colder than it is, and a wrong speculation deoptimizes and is
 * never tried again for that method ({@link Unit}). No decision about correctness reads them.
 */
public final class Counters {
    /** Slots per array: large enough that most programs use one or two. */
    static final int CHUNK = 1 << 14;
    private static final int CHUNKS = 64;
    private static final long[][] MEMORY = new long[CHUNKS][];
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Counters() {
    }

    /** A new slot, 0, or -1 when all {@code CHUNK * CHUNKS} are taken (then nothing more is instrumented). */
    static int allocate() {
        int slot = NEXT.getAndIncrement();
        if (slot >= CHUNK * CHUNKS) {
            NEXT.set(CHUNK * CHUNKS);
            return -1;
        }
        return slot;
    }

    /** The array that holds {@code slot}, for compiled code to embed as a constant. */
    static synchronized long[] array(int slot) {
        int chunk = slot / CHUNK;
        if (MEMORY[chunk] == null) {
            MEMORY[chunk] = new long[CHUNK];
        }
        return MEMORY[chunk];
    }

    static int index(int slot) {
        return slot % CHUNK;
    }

    static long get(int slot) {
        return array(slot)[index(slot)];
    }

    static void set(int slot, long value) {
        array(slot)[index(slot)] = value;
    }
}
