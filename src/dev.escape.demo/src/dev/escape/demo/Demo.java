package dev.escape.demo;

/**
 * Three allocation patterns, each in its own method so the report shows them apart. Run by
 * {@code ./escape demo}, which keeps {@link #log} from being inlined so that one object escapes
 * through a call.
 */
public final class Demo {

    record Point(int x, int y) {
        Point plus(Point o) {
            return new Point(x + o.x, y + o.y);
        }
    }

    static final class Box {
        int value;

        Box(int value) {
            this.value = value;
        }
    }

    static Box lastRare;
    static long logged;

    /** No object escapes: both points live only in registers once Graal inlines {@code plus}. */
    static int doesNotEscape(int x, int y) {
        Point p = new Point(x, y).plus(new Point(1, 2));
        return p.x() * p.y();
    }

    /** The box escapes into a static field on one rare branch only. */
    static int escapesOnOneBranch(int i) {
        Box box = new Box(i);
        if ((i & 1023) == 0) {
            lastRare = box;
        }
        return box.value * 2;
    }

    /** The box escapes through a call that is not inlined. */
    static int escapesThroughCall(int i) {
        Box box = new Box(i);
        log(box);
        return box.value + 1;
    }

    static void log(Box box) {
        logged += box.value;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long checksum = 0;
        for (int r = 0; r < rounds; r++) {
            checksum += doesNotEscape(r, 16);
            checksum += escapesOnOneBranch(r);
            checksum += escapesThroughCall(r);
        }
        System.out.println("demo checksum " + checksum + " (logged " + logged + ")");
    }
}
