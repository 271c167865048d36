package dev.escape.test.corpus;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Record;
import jdk.graal.compiler.api.directives.GraalDirectives;

/**
 * Forced deoptimization while virtual objects are live: the interpreter resumes with objects
 * rebuilt from the frame state (fields as modified so far, locks held) and keeps using them, so
 * the result equals the interpreter's only if the frame states describe the objects exactly.
 * Every method deoptimizes when its first argument is negative, and records in {@link #compiled}
 * whether its last part ran in compiled code (GraalDirectives.inCompiledCode is false in the
 * interpreter), so the test can tell that the deopt really happened.
 */
public final class Deopts {
    /** Whether the code after the deopt point of the last call ran compiled. */
    public static boolean compiled;

    private Deopts() {
    }

    @Inputs({"1", "-1", "0"})
    static int modifiedFields(int a) {
        Box b = new Box(a);
        b.value += 10;
        b.next = new Box(a * 2);
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        b.value += b.next.value;
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    @Inputs({"1", "-1", "5"})
    static int preciseWithModifiedFields(int a) {
        Box b = new Box(a);
        b.value *= 3;
        if (a < 0) {
            b.value += 1;
            GraalDirectives.preciseDeoptimize();
        }
        b.value += 100;
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    @Inputs({"1", "-1", "2"})
    static int insideSynchronized(int a) {
        Box b = new Box(a);
        synchronized (b) {
            b.value++;
            if (a < 0) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
            b.value *= 2;
        }
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    @Inputs({"1", "-1", "3"})
    static int insideNestedSynchronized(int a) {
        Box outer = new Box(a);
        Box inner = new Box(-a);
        synchronized (outer) {
            synchronized (inner) {
                inner.value += outer.value;
                if (a < 0) {
                    GraalDirectives.deoptimizeAndInvalidate();
                }
                outer.value = inner.value * 5 + 1;
            }
            synchronized (outer) {
                outer.value++;
            }
        }
        compiled = GraalDirectives.inCompiledCode();
        return outer.value * 100 + inner.value;
    }

    @Inputs({"2", "-2", "0"})
    static int arrayWithStores(int a) {
        int[] xs = {a, a * 2, a * 3};
        xs[1] = 7;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        xs[2] += xs[1];
        compiled = GraalDirectives.inCompiledCode();
        return xs[0] + xs[1] * 10 + xs[2] * 100;
    }

    /** An array kept virtual through stores at a variable index: its elements are selects when the deopt rebuilds it. */
    @Inputs({"2", "-2", "0", "-7"})
    static int arrayWithVariableIndexStores(int a) {
        int[] xs = {a, a * 2, a * 3};
        int i = a & 3;
        xs[i % 3] = 7;
        xs[(i + 1) % 3] += a;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        xs[2] += xs[i % 3];
        compiled = GraalDirectives.inCompiledCode();
        return xs[0] + xs[1] * 10 + xs[2] * 100;
    }

    /** A nullable object checked and read, dead by the deopt: the interpreter resumes without it. */
    @Inputs({"1", "-1", "-4", "4"})
    static int nullableObjectDeadAtTheDeopt(int a) {
        Box p = (a & 3) == 0 ? null : new Box(a);
        int r = p == null ? -1 : p.value + 1;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        r *= 3;
        compiled = GraalDirectives.inCompiledCode();
        return r;
    }

    @Inputs({"1", "-1", "300"})
    static long boxesLive(int a) {
        Integer x = a;
        Long y = a * 2L;
        Object[] pair = {x, y};
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return (Integer) pair[0] + (Long) pair[1] + (pair[0] == x ? 1000 : 0);
    }

    @Inputs({"0", "3", "-1"})
    static int inLoopWithCarriedObject(int n) {
        Box acc = new Box(0);
        int limit = n < 0 ? 5 : n;
        for (int i = 0; i < limit; i++) {
            acc.value += i;
            if (n < 0 && i == 2) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
        }
        compiled = GraalDirectives.inCompiledCode();
        return acc.value;
    }

    @Inputs({"1", "-1", "-5"})
    static int afterMergeOfTwoObjects(int a) {
        Box b;
        if (a > -3) {
            b = new Box(a * 10);
        } else {
            b = new Box(a);
            b.next = new Box(7);
        }
        b.value++;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return b.value + (b.next == null ? 0 : b.next.value);
    }

    @Inputs({"1", "-1"})
    static int cycleLive(int a) {
        Box x = new Box(a);
        Box y = new Box(a + 1);
        x.next = y;
        y.next = x;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        y.value += x.value;
        compiled = GraalDirectives.inCompiledCode();
        return x.next.next.next.value + (x.next.next == x ? 1000 : 0);
    }

    @Inputs({"1", "-1", "-2"})
    static int oneEscapedOneVirtual(int a) {
        Box escaped = new Box(a);
        Box local = new Box(a * 3);
        if (a < -1) {
            Negative.sink = escaped;
        }
        escaped.value++;
        local.next = escaped;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return local.value + local.next.value;
    }

    @Inputs({"2", "-2", "0"})
    static int inNestedLoopWithLock(int a) {
        Box acc = new Box(a);
        int n = a < 0 ? -a : a;
        synchronized (acc) {
            for (int i = 0; i <= n; i++) {
                for (int j = 0; j <= i; j++) {
                    acc.value += j;
                    if (a < 0 && i == n && j == i) {
                        GraalDirectives.deoptimizeAndInvalidate();
                    }
                }
            }
        }
        compiled = GraalDirectives.inCompiledCode();
        return acc.value;
    }

    /** Rematerialized boxes must keep valueOf's identity: a cached value is the cached box. */
    @Inputs({"5", "-5", "-1000"})
    static boolean cachedBoxIdentityAfterDeopt(int a) {
        Integer small = Integer.valueOf(a & 63);
        Integer large = Integer.valueOf(a * 1000 + 100000);
        Object[] kept = {small, large};
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        // (whether two valueOf boxes of a value outside the cache are one object is not specified: not asked)
        return kept[0] == Integer.valueOf(a & 63) && kept[1] == large;
    }

    @Inputs({"1", "-1", "4"})
    static int insideRecursiveLock(int a) {
        Box b = new Box(a);
        synchronized (b) {
            synchronized (b) {
                b.value += 2;
                if (a < 0) {
                    GraalDirectives.deoptimizeAndInvalidate();
                }
                b.value *= 3;
            }
            b.value--;
        }
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    /** A synchronized method inlined on a virtual receiver: the lock belongs to the callee's frame. */
    private static final class Account {
        private int balance;

        synchronized int deposit(int amount) {
            balance += amount;
            if (amount < 0) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
            balance *= 2;
            return balance;
        }
    }

    @Inputs({"3", "-3", "0"})
    static int insideInlinedSynchronizedMethod(int a) {
        Account account = new Account();
        int first = account.deposit(a);
        compiled = GraalDirectives.inCompiledCode();
        return first * 100 + account.balance;
    }

    @Inputs({"2", "-2"})
    static int insideCatchHandler(int a) {
        Box b = new Box(a);
        try {
            if (a != 0) {
                throw new Shapes.Quiet(a);
            }
        } catch (Shapes.Quiet q) {
            b.value += q.code;
            if (a < 0) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
            b.value *= 10;
        }
        compiled = GraalDirectives.inCompiledCode();
        return b.value;
    }

    /** Every field kind in a rematerialized object: two-slot longs and doubles, narrow ints, booleans. */
    @Inputs({"3", "-3", "-200"})
    static double everyFieldKind(int a) {
        Shapes.Mixed m = new Shapes.Mixed();
        m.z = a > -100;
        m.b = (byte) (a * 50);
        m.c = (char) (a + 70000);
        m.s = (short) (a * 20000);
        m.i = a;
        m.l = a * 10_000_000_000L;
        m.f = a / 4f;
        m.d = a / 8.0;
        m.o = "x";
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return (m.z ? 1 : 0) + m.b + m.c + m.s + m.i + m.l + m.f + m.d + ((String) m.o).length();
    }

    @Inputs({"3", "-3"})
    static long primitiveArraysOfEveryKind(int a) {
        byte[] bs = {(byte) (a * 100), 1};
        char[] cs = {(char) (a + 65536), 'b'};
        short[] ss = {(short) (a * 30000)};
        long[] ls = {a * 3_000_000_000L, -1};
        double[] ds = {a * 0.5, 2};
        boolean[] zs = {a > 0, true};
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        return bs[0] + bs[1] + cs[0] + cs[1] + ss[0] + ls[0] + ls[1] + (long) (ds[0] * 4 + ds[1]) + (zs[0] ? 10 : 0) + (zs[1] ? 100 : 0);
    }

    /** The object escaped on some path before the deopt: the frame state holds a real object there. */
    @Inputs({"1", "-1", "-5"})
    static int afterPartialEscape(int a) {
        Box b = new Box(a);
        if (a < -3) {
            Negative.sink = b;
        }
        b.value *= 7;
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        b.value++;
        compiled = GraalDirectives.inCompiledCode();
        return b.value + (Negative.sink == b ? 1000 : 0);
    }

    /** A virtual array holding a virtual object, one of whose fields holds the array back. */
    @Inputs({"2", "-2"})
    static int arrayAndObjectPointingAtEachOther(int a) {
        Object[] arr = new Object[2];
        Shapes.Pair p = new Shapes.Pair(arr, null);
        arr[0] = p;
        arr[1] = new Box(a);
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        compiled = GraalDirectives.inCompiledCode();
        Object[] back = (Object[]) ((Shapes.Pair) arr[0]).first;
        return (back == arr ? 100 : 0) + ((Box) back[1]).value;
    }

    /** A deopt inside a loop whose carried field holds a fresh object each iteration (a merged field). */
    @Inputs({"0", "3", "-1"})
    static int inLoopWithMergedField(int n) {
        Box outer = new Box(0);
        outer.next = new Box(-1);
        int limit = n < 0 ? 5 : n;
        for (int i = 0; i < limit; i++) {
            outer.next = new Box(outer.next.value + i);
            if (n < 0 && i == 2) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
            outer.value += outer.next.value;
        }
        compiled = GraalDirectives.inCompiledCode();
        return outer.value * 100 + outer.next.value;
    }

    /** A deopt inside a loop whose header merged a record, its array and its boxes into new virtual objects. */
    @Inputs({"3", "-3", "0"})
    static long inLoopWithNestedMergedObjects(int a) {
        Record s = new Record(Long.valueOf(a - a), Long.valueOf(a - a + 1));
        int n = Math.abs(a);
        for (int i = 0; i < n; i++) {
            s = new Record(s.at(0) + i, s.at(1) + 1);
            if (a < 0 && i == 1) {
                GraalDirectives.deoptimizeAndInvalidate();
            }
        }
        compiled = GraalDirectives.inCompiledCode();
        return s.at(0) * 1000 + s.at(1);
    }

    /** A lazily set value, as kotlin.SafePublicationLazyImpl keeps it: set once, by a compare-and-set. */
    private static final class Lazy {
        static final Object UNSET = new Object();
        static final AtomicReferenceFieldUpdater<Lazy, Object> VALUE = AtomicReferenceFieldUpdater.newUpdater(Lazy.class, Object.class, "value");
        volatile Object value = UNSET;
    }

    /** Not final: the call through it stays a call, whose result the compare-and-set stores. */
    private static Supplier<Object> initializer = () -> "initialized";

    /**
     * kotlin.SafePublicationLazyImpl.getValue on a fresh object: a call's result put into a
     * virtual object's field by a compare-and-set. The call's own frame state must describe the
     * object as it was before (kotlinc's compilation failed when it described the field as holding
     * the call's result); after the deopt the interpreter runs the compare-and-set, which must
     * find the field unset.
     */
    @Inputs({"1", "-1", "2"})
    static int compareAndSetOfACallsResult(int a) {
        Lazy lazy = new Lazy();
        Object v = initializer.get();
        if (a < 0) {
            GraalDirectives.deoptimizeAndInvalidate();
        }
        boolean set = Lazy.VALUE.compareAndSet(lazy, Lazy.UNSET, v);
        compiled = GraalDirectives.inCompiledCode();
        return (set ? 10 : 0) + (lazy.value == v ? 1 : 0) + a * 100;
    }
}
