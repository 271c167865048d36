package dev.escape.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Objects that never escape: small value classes, records, objects nested in objects, objects
 * replaced in every loop iteration, boxes and clones. With escape analysis all of these should
 * allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValueObjects {

    static final class Point {
        final double x;
        final double y;

        Point(double x, double y) {
            this.x = x;
            this.y = y;
        }

        Point plus(Point o) {
            return new Point(x + o.x, y + o.y);
        }

        double dot(Point o) {
            return x * o.x + y * o.y;
        }
    }

    record Pair(int a, int b) {
        Pair swap() {
            return new Pair(b, a);
        }
    }

    static final class Line {
        final Point from;
        final Point to;

        Line(Point from, Point to) {
            this.from = from;
            this.to = to;
        }

        double lengthSquared() {
            double dx = to.x - from.x;
            double dy = to.y - from.y;
            return dx * dx + dy * dy;
        }
    }

    static final class Holder {
        Line line;
    }

    static final class Particle implements Cloneable {
        double x;
        double y;
        int generation;

        @Override
        public Particle clone() {
            try {
                return (Particle) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    double x = 1.5;
    double y = 2.5;
    int i = 7;
    int j = 11;
    /** Values outside the Integer/Long cache, so that every box is a fresh object. */
    int[] values = {1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000};
    int[] data = {1, 2, 3, 4, 5, 6, 7, 8};
    Particle prototype = new Particle();

    /** Two small objects, one more from a method call; only doubles come out. */
    @Benchmark
    public double smallObject() {
        Point a = new Point(x, y);
        Point b = new Point(y, x);
        return a.plus(b).dot(a);
    }

    /** Records with their generated equals and hashCode (invokedynamic ObjectMethods). */
    @Benchmark
    public int record() {
        Pair p = new Pair(i, j);
        Pair q = p.swap();
        return p.equals(q) ? 1 : 31 * q.hashCode() + p.a();
    }

    /** Objects inside objects inside objects. */
    @Benchmark
    public double nested() {
        Holder h = new Holder();
        h.line = new Line(new Point(x, y), new Point(y, x));
        return h.line.lengthSquared() + h.line.from.x;
    }

    /** An accumulator object replaced in every iteration (a loop phi of fresh objects). */
    @Benchmark
    public double loopCarried() {
        Point acc = new Point(0, 0);
        for (int k = 0; k < 16; k++) {
            acc = acc.plus(new Point(k, x));
        }
        return acc.x + acc.y;
    }

    /** {@code Long sum += int}: a Long.valueOf per iteration, cache check included. */
    @Benchmark
    public long boxing() {
        Long sum = 0L;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }

    /** A clone of a small array that is read and dropped. */
    @Benchmark
    public int cloneArray() {
        int[] c = data.clone();
        c[0] += i;
        return c[0] + c[3];
    }

    /** {@code Object.clone()} of an escaped prototype; the copy does not escape. */
    @Benchmark
    public double cloneObject() {
        Particle p = prototype.clone();
        p.x += x;
        p.generation++;
        return p.x + p.y + p.generation;
    }
}
