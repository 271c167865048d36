package dev.escape.test.corpus;

/**
 * Small methods with one allocation pattern each. Parameters choose paths so that tests can run
 * every path; the methods never ran before they are compiled, so there are no profiles.
 */
public final class Basics {
    private Basics() {
    }

    public record Point(int x, int y) {
        Point plus(Point o) {
            return new Point(x + o.x, y + o.y);
        }
    }

    /** An object holding an array of boxed values, the shape of a guest object in a Truffle language. */
    public static final class Record {
        final Object[] values;

        Record(Object... values) {
            this.values = values;
        }

        long at(int index) {
            return (Long) values[index];
        }
    }

    public static final class Box {
        int value;
        Box next;

        Box(int value) {
            this.value = value;
        }
    }

    static Object sink;

    static int localPoint(int a, int b) {
        Point p = new Point(a, b);
        return p.x() * 31 + p.y();
    }

    static int nestedBoxes(int a) {
        Box outer = new Box(a);
        outer.next = new Box(a + 1);
        return outer.value + outer.next.value;
    }

    static int pointLoop(int n) {
        Point sum = new Point(0, 0);
        for (int i = 0; i < n; i++) {
            sum = sum.plus(new Point(i, 1));
        }
        return sum.x() + sum.y();
    }

    static int smallArray(int a) {
        int[] xs = new int[3];
        xs[0] = a;
        xs[1] = a * 2;
        xs[2] = a * 3;
        return xs[0] + xs[1] + xs[2];
    }

    static long boxing(int a) {
        Object[] boxes = {a, (long) a * 2};
        return (Integer) boxes[0] + (Long) boxes[1];
    }

    static Box returned(int a) {
        return new Box(a);
    }

    static int storedToStatic(int a) {
        Box b = new Box(a);
        sink = b;
        return b.value;
    }

    static int escapesOnOneBranch(int a) {
        Box b = new Box(a);
        if (a < 0) {
            sink = b;
        }
        return b.value + 1;
    }

    static int variableIndex(int a, int i) {
        int[] xs = new int[4];
        xs[i & 3] = a;
        return xs[0] + xs[1] + xs[2] + xs[3];
    }

    static int lockedBox(int a) {
        Box b = new Box(a);
        synchronized (b) {
            b.value++;
        }
        return b.value;
    }

    static int throwsLocally(int a) {
        try {
            if (a < 0) {
                throw new IllegalArgumentException("negative");
            }
            return a;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    static int divides(int a, int b) {
        Point p = new Point(a, b);
        return p.x() / p.y();
    }
}
