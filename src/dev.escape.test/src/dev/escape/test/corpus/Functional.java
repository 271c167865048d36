package dev.escape.test.corpus;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.IntBinaryOperator;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.escape.test.corpus.Basics.Box;

/** Lambdas, iterators and Optional: objects that only exist as plumbing once calls are inlined. */
public final class Functional {
    private Functional() {
    }

    /** An Iterable over 0..n-1 whose iterator the inliner sees through (exact types). */
    private record Range(int n) implements Iterable<Integer> {
        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < n;
                }

                @Override
                public Integer next() {
                    if (next >= n) {
                        throw new NoSuchElementException();
                    }
                    return next++;
                }
            };
        }
    }

    @Inputs({"1", "-1", "0"})
    static int capturingLambda(int a) {
        IntSupplier s = () -> a * 2 + 1;
        return s.getAsInt();
    }

    @Inputs({"3, 4", "-1, 1", "0, 0"})
    static int lambdaPassedToInlinedHelper(int a, int b) {
        return apply((x, y) -> x * 10 + y, a, b);
    }

    private static int apply(IntBinaryOperator op, int a, int b) {
        return op.applyAsInt(a, b) + op.applyAsInt(b, a);
    }

    @Inputs({"5", "-5", "0"})
    static int supplierOfObject(int a) {
        Supplier<Box> s = () -> new Box(a);
        return s.get().value + s.get().value;
    }

    @Inputs({"0", "1", "6"})
    static int forEachOverOwnIterable(int n) {
        int sum = 0;
        for (int i : new Range(n)) {
            sum += i;
        }
        return sum;
    }

    @Inputs({"1", "-1", "0"})
    static int optionalOfNullable(int a) {
        Box b = a > 0 ? new Box(a) : null;
        return Optional.ofNullable(b).map(x -> x.value * 2).orElse(-1);
    }

    private static final String[] NAMES = {"alpha", null, "be", "gamma", null, "delta", "e", "zeta"};

    /**
     * As the JMH benchmark Functional.optionalChain: {@code map} tests {@code isEmpty()} right after
     * {@code ofNullable}'s merge of {@code Optional.EMPTY} and a new {@code Optional}. The first
     * round makes the new one real (the lambda's guards may deoptimize with the merge's frame
     * state); the test is split at the merge (BranchSplitting) and the object is gone. Graal keeps it.
     */
    @Inputs({"0", "1", "2", "3"})
    @BeyondGraal({"0", "3"})
    static int optionalChain(int i) {
        String name = NAMES[i & 7];
        return Optional.ofNullable(name).map(String::length).filter(n -> n > 3).orElse(-1);
    }

    private static final int[] SMALL = {3, 1, 4, 1, 5, 9, 2, 6};

    /**
     * A nullable merge tested right after it, then a bounds-checked read that may deoptimize with
     * the merge's frame state: the first round allocates the box, the split test lets the next
     * round drop it (BranchSplitting); the box stays visible to the second test after the paths meet.
     */
    @Inputs({"5", "-5", "0", "13"})
    @BeyondGraal({"5", "13"})
    static int nullTestedRightAfterMerge(int a) {
        Box b = a > 0 ? new Box(a) : null;
        if (b == null) {
            return -1;
        }
        return SMALL[b.value & 7] * 10 + b.value;
    }

    /** A name or none, as {@code Optional} holds a value or none. */
    static final class Named {
        static final Named NONE = new Named(null);
        final String name;

        Named(String name) {
            this.name = name;
        }
    }

    /**
     * A merge of a constant and a new object whose field is tested right after it, then a
     * bounds-checked read that may deoptimize with the merge's frame state. The name comes from an
     * array, so only the branch before the merge proves it not null on the new object's path: the
     * round cannot tell the test's outcome there, and makes the object real for the read. Once the
     * test is split at the merge (BranchSplitting), each path takes its own side and the next
     * round drops the object. Graal keeps it.
     */
    @Inputs({"0", "1", "2", "3"})
    @BeyondGraal({"0", "2", "3"})
    static int namedTestedRightAfterMerge(int i) {
        String s = NAMES[i & 7];
        Named n = s == null ? Named.NONE : new Named(s);
        if (n.name == null) {
            return SMALL[i] * 10;
        }
        return n.name.length();
    }

    /**
     * The same merge through {@code Optional}: the test splits at the merge as above, and the
     * {@code Optional} is gone. The box it holds is allocated on its path: a pending object's
     * fields must be real (Merges.materializeFields). Graal keeps both.
     */
    @Inputs({"0", "1", "2", "3"})
    @BeyondGraal({"2", "3"})
    static int boxOrNoneTestedRightAfterMerge(int i) {
        Optional<Box> b = i > 1 ? Optional.of(new Box(i)) : Optional.empty();
        if (b.isEmpty()) {
            return SMALL[i] * 10;
        }
        return b.get().value;
    }

    /**
     * A filter after the merge, as {@code Optional.ofNullable(s).filter(p)}: the object goes
     * through a second merge (with the constant again) and is tested right after it. The second
     * merge only shows once the first is split (a pending object does not cross a merge), so its
     * split comes after round 2, and earns round 3 (EscapeRoundsAfterRewrites).
     */
    @Inputs({"0", "1", "2", "3"})
    @BeyondGraal({"0", "3"})
    static int namedFilteredTestedAfterEachMerge(int i) {
        String s = NAMES[i & 7];
        Named n = s == null ? Named.NONE : new Named(s);
        Named f = n.name != null && n.name.length() > 3 ? n : Named.NONE;
        if (f.name == null) {
            return SMALL[i] * 10;
        }
        return f.name.length();
    }

    /** As above, and the object is tested again after the two sides meet: no split, the same results. */
    @Inputs({"5", "-5", "0", "13"})
    static int nullTestedAgainAfterSidesMeet(int a) {
        Box b = a > 0 ? new Box(a) : null;
        int r = b == null ? -1 : SMALL[b.value & 7];
        return r * 10 + (b == null ? 7 : b.value);
    }

    @Inputs({"4", "-4", "0"})
    static int optionalOfFresh(int a) {
        return Optional.of(new Box(a)).filter(x -> x.value > 0).map(x -> x.value).orElse(0);
    }

    @Inputs({"0", "3", "10"})
    static long lambdaInLoop(int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            int k = i;
            IntSupplier s = () -> k * k;
            total += s.getAsInt();
        }
        return total;
    }
}
