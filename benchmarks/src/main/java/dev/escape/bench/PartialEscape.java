package dev.escape.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Objects that escape on some paths only, through calls that are not inlined, through callees
 * that are inlined, and objects merged at control-flow joins (with each other or with null).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PartialEscape {

    static final class Point {
        final double x;
        final double y;

        Point(double x, double y) {
            this.x = x;
            this.y = y;
        }

        Point scale(double f) {
            return new Point(x * f, y * f);
        }
    }

    double x = 1.5;
    double y = 2.5;
    int counter;
    /** Where escaping objects go: a field of an object on the heap. */
    Point sink;

    /** Control: the object always escapes (into the Blackhole), so every configuration allocates. */
    @Benchmark
    public void escapeAlways(Blackhole bh) {
        bh.consume(new Point(x, y));
    }

    /** Escapes once in 65536 calls; the object is used after the branch (a merge follows). */
    @Benchmark
    public double escapeRareMerge() {
        Point p = new Point(x, counter);
        if ((++counter & 0xFFFF) == 0) {
            sink = p;
        }
        return p.x + p.y;
    }

    /**
     * Escapes once in 65536 calls; the escaping branch returns, so no merge follows in the method.
     * Inlined into JMH's measurement loop, both paths still meet at the loop's back edge.
     */
    @Benchmark
    public double escapeRareNoMerge() {
        Point p = new Point(x, counter);
        if ((++counter & 0xFFFF) == 0) {
            sink = p;
            return 0;
        }
        return p.x + p.y;
    }

    /**
     * The same, but compiled as a root of its own (not inlined into JMH's loop): here the escaping
     * path really ends in a return, and nothing merges after it.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double escapeRareNoMergeRoot() {
        Point p = new Point(x, counter);
        if ((++counter & 0xFFFF) == 0) {
            sink = p;
            return 0;
        }
        return p.x + p.y;
    }

    /** Escapes in every other call. */
    @Benchmark
    public double escapeFrequent() {
        Point p = new Point(x, counter);
        if ((++counter & 1) == 0) {
            sink = p;
        }
        return p.x + p.y;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static double opaque(Point p) {
        return p.x - p.y;
    }

    /** Escapes as the argument of a call that is never inlined. */
    @Benchmark
    public double escapeThroughCall() {
        Point p = new Point(x, y);
        return opaque(p) + p.x;
    }

    /** Passed to a non-inlined call once in 1024 calls only. */
    @Benchmark
    public double escapeThroughCallRare() {
        Point p = new Point(x, counter);
        if ((++counter & 0x3FF) == 0) {
            return opaque(p);
        }
        return p.x * p.y;
    }

    static Point make(double a, double b) {
        return new Point(a, b);
    }

    static Point makeScaled(double a, double b, double f) {
        return make(a, b).scale(f);
    }

    /** Objects returned through a chain of inlined factories. */
    @Benchmark
    public double returnThroughInlined() {
        Point p = makeScaled(x, y, 2.0);
        Point q = make(p.y, p.x);
        return p.x + q.x;
    }

    /** One of two fresh objects, chosen by a branch, merged at a phi and then read. */
    @Benchmark
    public double phiMerge() {
        Point p;
        if ((++counter & 1) == 0) {
            p = new Point(x, y);
        } else {
            p = new Point(y, x);
        }
        return p.x - p.y;
    }

    /** A fresh object or null, merged at a phi, then null-checked. */
    @Benchmark
    public double nullMerge() {
        Point p = (++counter & 3) == 0 ? null : new Point(x, counter);
        return p == null ? -1 : p.x + p.y;
    }
}
