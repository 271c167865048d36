package dev.escape.test.corpus;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Shapes.Counter;

/** Monitors on objects no other thread can see: the locks can be elided while the object is virtual. */
public final class Locks {
    private Locks() {
    }

    @Inputs({"1", "-1", "0"})
    static int lockedUpdate(int a) {
        Box b = new Box(a);
        synchronized (b) {
            b.value = b.value * 3 + 1;
        }
        return b.value;
    }

    @Inputs({"1", "2", "-3"})
    static int nestedLocksOnTwoObjects(int a) {
        Box outer = new Box(a);
        Box inner = new Box(a * 2);
        synchronized (outer) {
            synchronized (inner) {
                outer.value += inner.value;
            }
            inner.value = outer.value;
        }
        return outer.value + inner.value;
    }

    @Inputs({"1", "-1", "9"})
    static int reentrantLock(int a) {
        Box b = new Box(a);
        synchronized (b) {
            synchronized (b) {
                b.value++;
            }
            b.value *= 2;
        }
        return b.value;
    }

    /**
     * Locked twice and stored to a static inside both locks: made real holding both locks, Graal's
     * phase commits it with two locks of one object, which Graal lowers by deleting the inner lock's
     * enters and exits by node identity; where a loop copy gave an exit another MonitorIdNode that
     * crashes the VM (fuzz-regressions/escape-only/seed500265). escape never commits nested locks of
     * one object: the inner lock stays a real monitorenter and the box is allocated there, on every
     * path (Graal allocates it when {@code a < 0} only).
     */
    @Inputs({"1", "-1", "9"})
    @Expect(decision = Decision.KEPT, cause = Cause.MONITOR)
    static int reentrantLockHeldAcrossEscape(int a) {
        Box b = new Box(a);
        synchronized (b) {
            synchronized (b) {
                if (a < 0) {
                    Negative.sink = b;
                }
                b.value++;
            }
            b.value *= 2;
        }
        return b.value;
    }

    @Inputs({"0", "1", "11"})
    static int synchronizedMethods(int n) {
        Counter c = new Counter();
        for (int i = 0; i < n; i++) {
            c.add(i);
        }
        return c.get();
    }

    @Inputs({"1", "-1", "0"})
    static int lockOnBranch(int a) {
        Box b = new Box(a);
        if (a > 0) {
            synchronized (b) {
                b.value += 10;
            }
        }
        return b.value;
    }

    @Inputs({"0", "3", "6"})
    static int lockInLoop(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            synchronized (b) {
                b.value += i;
            }
        }
        return b.value;
    }

    @Inputs({"1", "-1", "2"})
    static int lockHeldAcrossEscape(int a) {
        Box b = new Box(a);
        synchronized (b) {
            if (a < 0) {
                Negative.sink = b;
            }
            b.value++;
        }
        return b.value;
    }

    /**
     * The inner lock is on a real object, so it is entered for real; monitors are entered in
     * nesting order (HotSpot's lock stack), so the box's outer lock must be real before it.
     */
    @Inputs({"1", "-1", "4"})
    static int realLockInsideVirtualLock(int a) {
        Box b = new Box(a);
        synchronized (b) {
            synchronized (Locks.class) {
                b.value += 2;
                if (a < 0) {
                    Negative.sink = b;
                }
            }
        }
        return b.value;
    }
}
