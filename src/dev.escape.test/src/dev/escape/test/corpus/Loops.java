package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;
import dev.escape.test.corpus.Basics.Record;

/** Loops: objects allocated in an iteration, carried from one iteration to the next, nested loops. */
public final class Loops {
    private Loops() {
    }

    @Inputs({"0", "1", "10"})
    static int allocationPerIteration(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            Box b = new Box(i);
            b.value *= 2;
            sum += b.value;
        }
        return sum;
    }

    @Inputs({"0", "1", "10"})
    static int carriedAccumulator(int n) {
        Box acc = new Box(0);
        for (int i = 0; i < n; i++) {
            acc.value += i;
        }
        return acc.value;
    }

    @Inputs({"0", "1", "7"})
    static int carriedReplacedEachIteration(int n) {
        Point p = new Point(0, 1);
        for (int i = 0; i < n; i++) {
            p = new Point(p.y(), p.x() + p.y());
        }
        return p.x();
    }

    @Inputs({"0", "3", "5"})
    static int nestedLoops(int n) {
        Box total = new Box(0);
        for (int i = 0; i < n; i++) {
            Box row = new Box(0);
            for (int j = 0; j <= i; j++) {
                row.value += j;
            }
            total.value += row.value;
        }
        return total.value;
    }

    @Inputs({"0", "4", "9"})
    static int earlyExit(int n) {
        Box found = new Box(-1);
        for (int i = 0; i < n; i++) {
            if (i * i > 10) {
                found.value = i;
                break;
            }
        }
        return found.value;
    }

    @Inputs({"0", "2", "6"})
    static int arrayCarried(int n) {
        int[] window = new int[2];
        for (int i = 0; i < n; i++) {
            window[0] = window[1];
            window[1] = i;
        }
        return window[0] * 10 + window[1];
    }

    @Inputs({"0", "1", "8"})
    static int linkedListBuiltAndWalked(int n) {
        Box head = null;
        for (int i = 0; i < n; i++) {
            Box b = new Box(i);
            b.next = head;
            head = b;
        }
        int sum = 0;
        for (Box b = head; b != null; b = b.next) {
            sum += b.value;
        }
        return sum;
    }

    @Inputs({"0", "3", "12"})
    static long objectUsedAfterLoop(int n) {
        Shapes.Vec v = new Shapes.Vec(1, 0);
        int i = 0;
        while (i < n) {
            long x = v.x;
            v.x = v.y + x;
            v.y = x;
            i++;
        }
        return v.x * 1000 + v.y;
    }

    @Inputs({"0", "5", "20"})
    static int doWhileWithContinue(int n) {
        Box b = new Box(0);
        int i = 0;
        do {
            i++;
            if ((i & 1) == 0) {
                continue;
            }
            b.value += i;
        } while (i < n);
        return b.value;
    }

    @Inputs({"0", "3", "8"})
    static int replacedOnOneIteration(int n) {
        Box b = new Box(-1);
        for (int i = 0; i < n; i++) {
            if (i == 2) {
                b = new Box(i * 7);
            }
            b.value++;
        }
        return b.value;
    }

    @Inputs({"0", "2", "9"})
    static int virtualFromInsideTheLoopAfterBreak(int n) {
        Box found = null;
        for (int i = 0; i < n; i++) {
            Box candidate = new Box(i * i);
            if (candidate.value > 10) {
                found = candidate;
                break;
            }
        }
        return found == null ? -1 : found.value;
    }

    @Inputs({"0", "2", "4"})
    static int carriedThroughNestedLoops(int n) {
        int[] counts = new int[2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                counts[(i + j) & 1 & 0] += 1;
                counts[1] += i * j;
            }
        }
        return counts[0] * 1000 + counts[1];
    }

    @Inputs({"0", "3", "7"})
    static int escapesOnEveryIteration(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            b.value += i;
            Negative.sink = b;
        }
        return b.value;
    }

    @Inputs({"0", "4", "6"})
    static int exceptionCaughtInLoop(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            try {
                if (i % 3 == 2) {
                    throw new Shapes.Quiet(i);
                }
                b.value += 1;
            } catch (Shapes.Quiet q) {
                b.value += q.code * 10;
            }
        }
        return b.value;
    }

    /**
     * A field replaced by a fresh object in every iteration: the header sees one new virtual
     * object whose fields are phis (Graal makes both boxes real: 2 allocations a call).
     */
    @Inputs({"0", "1", "6"})
    @BeyondGraal({"6"})
    static int nestedObjectReplacedEachIteration(int n) {
        Box outer = new Box(0);
        outer.next = new Box(-1);
        for (int i = 0; i < n; i++) {
            Box inner = new Box(outer.next.value + i);
            outer.next = inner;
            outer.value += inner.value;
        }
        return outer.value * 100 + outer.next.value;
    }

    @Inputs({"0", "3", "7", "20"})
    static int twoExitsDifferentStates(int n) {
        Box b = new Box(0);
        int i = 0;
        while (true) {
            if (i >= n) {
                b.value += 1000;
                break;
            }
            b.value += i;
            if (b.value > 15) {
                b.value = -b.value;
                break;
            }
            i++;
        }
        return b.value;
    }

    @Inputs({"0", "2", "5"})
    static int escapesOnOneExit(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            b.value += 2;
            if (b.value == 6) {
                Negative.sink = b;
                break;
            }
        }
        return b.value;
    }

    @Inputs({"0", "3", "5"})
    static int arrayOfBoxesUpdated(int n) {
        Object[] slots = {new Box(0), new Box(100)};
        for (int i = 0; i < n; i++) {
            ((Box) slots[0]).value += i;
            ((Box) slots[1]).value -= i;
        }
        return ((Box) slots[0]).value * 1000 + ((Box) slots[1]).value;
    }

    @Inputs({"0", "1", "5"})
    static int swapTwoObjectsEachIteration(int n) {
        Box x = new Box(1);
        Box y = new Box(2);
        for (int i = 0; i < n; i++) {
            Box t = x;
            x = y;
            y = t;
            x.value += 10;
        }
        return x.value * 100 + y.value;
    }

    /** The object of a merged loop-carried field escapes in one iteration: made real there only. */
    @Inputs({"0", "2", "3", "6"})
    static int mergedFieldObjectEscapesOnce(int n) {
        Box outer = new Box(0);
        outer.next = new Box(7);
        for (int i = 0; i < n; i++) {
            if (i == 2) {
                Negative.sink = outer.next;
            }
            outer.next = new Box(outer.next.value * 2 + i);
        }
        return outer.next.value + (Negative.sink == outer.next ? 1000 : 0);
    }

    /** The previous iteration's object is kept in a second field: the field cannot merge and gets real objects. */
    @Inputs({"0", "1", "5"})
    static int previousFieldObjectKept(int n) {
        Box outer = new Box(0);
        Box keep = new Box(0);
        outer.next = new Box(1);
        for (int i = 0; i < n; i++) {
            keep.next = outer.next;
            outer.next = new Box(outer.next.value + i);
        }
        return outer.next.value * 10 + (keep.next == null ? -1 : keep.next.value);
    }

    /** Two fields replaced each iteration, one by the other's old object: a chain of two. */
    @Inputs({"0", "1", "4"})
    static int twoFieldsShiftedEachIteration(int n) {
        Box outer = new Box(0);
        Box tail = new Box(0);
        outer.next = new Box(1);
        tail.next = new Box(2);
        for (int i = 0; i < n; i++) {
            Box fresh = new Box(outer.next.value + tail.next.value);
            tail.next = outer.next;
            outer.next = fresh;
        }
        return outer.next.value * 100 + tail.next.value;
    }

    /**
     * A record holding an array of boxes, replaced in every iteration (esl's {@code s = new Vec(s.x
     * + i, s.y + 1)}): the header merges the record, its array and both boxes, nested, into new
     * virtual objects. Graal's phase makes the array and the boxes real in every iteration.
     */
    @Inputs({"0", "1", "6"})
    @BeyondGraal({"6"})
    static long nestedObjectsCarried(int n) {
        Record s = new Record(Long.valueOf(n - n), Long.valueOf(n - n + 1));
        for (int i = 0; i < n; i++) {
            s = new Record(s.at(0) + i, s.at(1) + 1);
        }
        return s.at(0) * 1000 + s.at(1);
    }

    /** The same record carried in a slot of an array (a Truffle frame's locals): a merged field holding merged fields. */
    @Inputs({"0", "1", "6"})
    @BeyondGraal({"6"})
    static long nestedObjectsCarriedInArraySlot(int n) {
        Object[] frame = {new Record(Long.valueOf(n - n), Long.valueOf(n - n + 1)), Long.valueOf(n)};
        for (int i = 0; i < n; i++) {
            Record s = (Record) frame[0];
            frame[0] = new Record(s.at(0) + i, s.at(1) + (Long) frame[1]);
        }
        Record s = (Record) frame[0];
        return s.at(0) * 1000 + s.at(1);
    }

    /** The carried record's array escapes in one iteration: made real there, the nested merge gives way. */
    @Inputs({"0", "2", "3", "6"})
    static long nestedCarriedArrayEscapesOnce(int n) {
        Record s = new Record(Long.valueOf(n - n), Long.valueOf(n - n + 1));
        Negative.sink = null;
        for (int i = 0; i < n; i++) {
            if (i == 2) {
                Negative.sink = s.values;
            }
            s = new Record(s.at(0) + i, s.at(1) + 1);
        }
        return s.at(0) * 1000 + s.at(1) + (Negative.sink instanceof Object[] a ? (Long) a[0] * 7 : -1);
    }

    /** The previous iteration's array stays reachable from a local: it cannot be one object with the next one. */
    @Inputs({"0", "1", "5"})
    static long nestedPreviousArrayKept(int n) {
        Record s = new Record(Long.valueOf(n - n), Long.valueOf(n - n + 1));
        Object[] previous = null;
        for (int i = 0; i < n; i++) {
            previous = s.values;
            s = new Record(s.at(0) + i, s.at(1) + 1);
        }
        return s.at(0) * 1000 + s.at(1) + (previous == null ? -1 : (Long) previous[0] * 7 + (Long) previous[1]);
    }

    /** A record whose array is written in place in some iterations and replaced in others. */
    @Inputs({"0", "1", "4", "9"})
    static long nestedArrayWrittenOrReplaced(int n) {
        Record s = new Record(Long.valueOf(n - n), Long.valueOf(n - n + 1));
        for (int i = 0; i < n; i++) {
            if ((i & 1) == 0) {
                s.values[0] = s.at(0) + i;
            } else {
                s = new Record(s.at(1), s.at(0) + s.at(1));
            }
        }
        return s.at(0) * 1000 + s.at(1);
    }

    /** A real array the copies below read from. */
    static int[] source = {3, 4, 5, 6};

    /**
     * An array copy from a real array into a virtual one inside a loop, and a loop exit right
     * after it: what the copy loaded must be seen after the loop through proxies (in GraalJS's
     * regular expressions this shape, with loads the copy's virtualization added, was a bailout:
     * TruffleJitTest.graalJsRegexCompilesWithoutBailout).
     */
    @Inputs({"0", "1", "2", "5"})
    static int arrayCopiedFromRealArrayThenBreak(int n) {
        int[] local = new int[2];
        for (int i = 0; i < n; i++) {
            System.arraycopy(source, i & 1, local, 0, 2);
            if (local[0] == 4) {
                break;
            }
        }
        return local[0] * 10 + local[1];
    }

    /** A link of a small singly linked list. */
    static final class Link {
        final int value;
        final Link next;

        Link(int value, Link next) {
            this.value = value;
            this.next = next;
        }
    }

    /**
     * A small linked list built and walked in the same method: the walk's variable takes a
     * different node in each iteration, so without peeling every node is made real at the loop.
     */
    @BeyondGraal({"5"})
    @Inputs({"0", "5", "-3"})
    static int linkedListWalked(int n) {
        Link head = new Link(n, new Link(n * 2, new Link(3, null)));
        int sum = 0;
        for (Link l = head; l != null; l = l.next) {
            sum += l.value;
        }
        return sum;
    }

    /**
     * A walk that stops at the first node with a value and uses the node after the loop: peeling
     * would only move the merge of the nodes to the loop's exits, so the loop is not peeled.
     */
    @Inputs({"0", "1", "2", "7"})
    static int linkedListSearched(int n) {
        Link l = new Link(1, new Link(2, new Link(n, null)));
        int steps = 0;
        while (l != null && l.value != n) {
            l = l.next;
            steps++;
        }
        return l == null ? -steps : steps * 10 + l.value;
    }

    /** One node escapes inside the walk on some inputs: it must be allocated where it escapes, with its successors. */
    @Inputs({"0", "1", "2", "9"})
    static int linkedListWalkedOneNodeEscapes(int n) {
        Link head = new Link(n, new Link(2, null));
        int sum = 0;
        for (Link l = head; l != null; l = l.next) {
            if (l.value == 1) {
                Basics.sink = l;
            }
            sum += l.value;
        }
        return sum;
    }

    /** A walk longer than the peeling limit: the nodes are allocated, the results stay right. */
    @Inputs({"0", "3"})
    static int linkedListLongerThanThePeelingLimit(int n) {
        Link l = null;
        for (int i = 0; i < 12; i++) {
            l = new Link(i + n, l);
        }
        int sum = 0;
        for (Link k = l; k != null; k = k.next) {
            sum += k.value;
        }
        return sum;
    }
}
