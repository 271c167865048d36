package dev.escape.test.corpus;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.escape.test.corpus.Basics.Box;

/**
 * Objects used through intrinsics whose nodes take part in escape analysis: unsafe accesses
 * (atomics are Unsafe compare-and-swap and get-and-add underneath) and System.arraycopy.
 */
public final class Intrinsics {
    private Intrinsics() {
    }

    @Inputs({"1", "-1", "0"})
    static int atomicIncrement(int a) {
        AtomicInteger counter = new AtomicInteger(a);
        counter.incrementAndGet();
        counter.addAndGet(10);
        return counter.get();
    }

    @Inputs({"1", "5", "-1"})
    static boolean atomicCompareAndSet(int a) {
        AtomicLong value = new AtomicLong(1);
        boolean first = value.compareAndSet(a, 100);
        return first && value.get() == 100;
    }

    @Inputs({"1", "-1"})
    static int atomicReferenceOfFresh(int a) {
        AtomicReference<Box> ref = new AtomicReference<>(new Box(a));
        Box old = ref.getAndSet(new Box(a * 2));
        return old.value * 10 + ref.get().value;
    }

    @Inputs({"1", "-1", "0"})
    static int arraycopyBetweenFreshArrays(int a) {
        int[] from = {a, a + 1, a + 2, a + 3};
        int[] to = new int[4];
        System.arraycopy(from, 1, to, 0, 3);
        return to[0] * 100 + to[1] * 10 + to[2] + to[3];
    }

    @Inputs({"2", "-2"})
    static int copyOfSmallArray(int a) {
        int[] xs = {a, a * 2};
        int[] ys = java.util.Arrays.copyOf(xs, 3);
        return ys[0] + ys[1] + ys[2] + ys.length;
    }

    /** A field updater: an Unsafe access at a field offset of an object of the updater's class. */
    private static final class Counted {
        volatile int count;
    }

    private static final AtomicIntegerFieldUpdater<Counted> COUNT = AtomicIntegerFieldUpdater.newUpdater(Counted.class, "count");

    @Inputs({"1", "-1", "0"})
    static int fieldUpdaterOnFresh(int a) {
        Counted s = new Counted();
        COUNT.set(s, a);
        COUNT.addAndGet(s, 5);
        boolean swapped = COUNT.compareAndSet(s, a + 5, 42);
        return s.count + (swapped ? 1000 : 0);
    }

    @Inputs({"1", "-1"})
    static int atomicArrayOfFresh(int a) {
        AtomicIntegerArray xs = new AtomicIntegerArray(3);
        xs.set(0, a);
        xs.incrementAndGet(1);
        xs.compareAndSet(2, 0, a * 3);
        return xs.get(0) * 100 + xs.get(1) * 10 + xs.get(2);
    }
}
