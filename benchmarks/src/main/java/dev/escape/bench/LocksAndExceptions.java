package dev.escape.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Monitors on objects no other thread can see (lock elision), and exceptions thrown and caught
 * within one compiled method.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LocksAndExceptions {

    /** A thread-safe counter, used by one thread only. */
    static final class Tally {
        private int n;

        synchronized void add(int v) {
            n += v;
        }

        synchronized int get() {
            return n;
        }
    }

    /** An exception without a stack trace: nothing but its fields is needed by the handler. */
    static final class ParseError extends RuntimeException {
        final int position;

        ParseError(int position) {
            super(null, null, false, false);
            this.position = position;
        }
    }

    int[] ints = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
    char[] input = "12x4y678z0a2345b".toCharArray();
    int counter;

    /** Eight synchronized calls on a fresh, never escaping object. */
    @Benchmark
    public int lockElision() {
        Tally t = new Tally();
        for (int k = (++counter & 7); k < ints.length; k++) {
            t.add(ints[k]);
        }
        return t.get();
    }

    static int digit(char c, int position) {
        if (c < '0' || c > '9') {
            throw new ParseError(position);
        }
        return c - '0';
    }

    /** A stackless exception thrown by an inlined callee and caught in the caller (5 of 16 chars). */
    @Benchmark
    public int exceptionLocal() {
        int s = 0;
        for (int k = 0; k < input.length; k++) {
            try {
                s = s * 3 + digit(input[k], k);
            } catch (ParseError e) {
                s -= e.position;
            }
        }
        return s;
    }

    static int checkedDigit(char c) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit");
        }
        return c - '0';
    }

    /** Control: an ordinary exception fills in its stack trace (a native call), so it escapes. */
    @Benchmark
    public int exceptionWithStackTrace() {
        char c = input[++counter & 15];
        try {
            return checkedDigit(c);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
