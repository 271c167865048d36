package dev.escape.test.corpus;

/** The small classes the corpus allocates (Basics has Point and Box). */
public final class Shapes {
    private Shapes() {
    }

    /** Two references: holder of other objects. */
    public static final class Pair {
        Object first;
        Object second;

        Pair(Object first, Object second) {
            this.first = first;
            this.second = second;
        }
    }

    /** One field of every kind, left at their defaults. */
    public static final class Mixed {
        boolean z;
        byte b;
        char c;
        short s;
        int i;
        long l;
        float f;
        double d;
        Object o;
    }

    /** Two longs. */
    public static final class Vec {
        long x;
        long y;

        Vec(long x, long y) {
            this.x = x;
            this.y = y;
        }

        Vec scaled(long k) {
            return new Vec(x * k, y * k);
        }
    }

    /** A base class whose constructor the subclass chains to. */
    public static class Base {
        final int id;

        Base(int id) {
            this.id = id;
        }

        int weight() {
            return id;
        }
    }

    public static final class Derived extends Base {
        final int extra;

        Derived(int id, int extra) {
            super(id);
            this.extra = extra;
        }

        @Override
        int weight() {
            return id * 10 + extra;
        }
    }

    /** A counter with synchronized methods: locking on the receiver after inlining. */
    public static final class Counter {
        private int count;

        synchronized void add(int n) {
            count += n;
        }

        synchronized int get() {
            return count;
        }
    }

    /** A Cloneable class: Object.clone of an exact type. */
    public static final class Cell implements Cloneable {
        int value;
        long stamp;

        Cell(int value, long stamp) {
            this.value = value;
            this.stamp = stamp;
        }

        Cell copy() {
            try {
                return (Cell) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** An exception without stack trace: its constructor is small enough to inline. */
    public static final class Quiet extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Quiet(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
