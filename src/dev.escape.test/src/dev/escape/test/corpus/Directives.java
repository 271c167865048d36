package dev.escape.test.corpus;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;
import dev.escape.test.corpus.Basics.Box;
import jdk.graal.compiler.api.directives.GraalDirectives;

/**
 * GraalDirectives.ensureVirtualized: compilation fails if the object is ever materialized, so
 * these only compile if the analysis keeps the object virtual (in the interpreter they do nothing).
 */
public final class Directives {
    private Directives() {
    }

    @Inputs({"1", "-1", "0"})
    static int ensureVirtualizedInstance(int a) {
        Box b = new Box(a);
        GraalDirectives.ensureVirtualized(b);
        b.value += 4;
        return b.value;
    }

    @Inputs({"1", "-1", "0"})
    static int ensureVirtualizedArray(int a) {
        long[] xs = {a, a * 3L};
        GraalDirectives.ensureVirtualized(xs);
        return (int) (xs[0] + xs[1]);
    }

    @Inputs({"1", "-1", "0"})
    static int ensureVirtualizedHereAfterMerge(int a) {
        Box b = new Box(a);
        if (a > 0) {
            b.value = 42;
        }
        GraalDirectives.ensureVirtualizedHere(b);
        return b.value;
    }

    @Inputs({"0", "4", "9"})
    static int ensureVirtualizedInLoop(int n) {
        Box b = new Box(0);
        for (int i = 0; i < n; i++) {
            b.value += i;
            GraalDirectives.ensureVirtualized(b);
        }
        return b.value;
    }

    /**
     * Must stay virtual on one path only: the other passed it to a call, so after the merge it is
     * real on every path, as under Graal's phase (terser's Truffle frames: a closure captured the
     * frame on one path and went to a call).
     */
    @Inputs({"1", "-1", "0"})
    @Expect(decision = Decision.KEPT, cause = Cause.MERGE)
    static int ensureVirtualizedOnOnePathOnly(int a) {
        Box b = new Box(a);
        int r = 0;
        if (a > 0) {
            r = Opaque.consume(b);
        } else {
            GraalDirectives.ensureVirtualized(b);
        }
        return r + b.value;
    }

    /**
     * A phi of an object that must stay virtual and one that need not, used apart after the merge
     * too: the phi needs real inputs, and the one that need not stay virtual lets both be made
     * real (as under Graal's phase).
     */
    @Inputs({"1", "-1", "0"})
    @Expect(decision = Decision.KEPT, cause = Cause.MERGE)
    static int ensureVirtualizedMeetsPlainObject(int a) {
        Box b = new Box(a);
        Box c = new Box(-a);
        GraalDirectives.ensureVirtualized(b);
        Box x = a > 0 ? b : c;
        return x.value + Opaque.consume(x) + b.value;
    }

    /**
     * Must stay virtual when entering the loop, and is real at the back edge of the iterations
     * that pass it to a call: the loop header makes it real at the entry too (as Graal's phase).
     */
    @Inputs({"0", "2", "5"})
    @Expect(decision = Decision.KEPT, cause = Cause.MERGE)
    static int ensureVirtualizedBeforeLoopThatLetsItEscape(int n) {
        Box b = new Box(n);
        GraalDirectives.ensureVirtualized(b);
        for (int i = 0; i < n; i++) {
            if (i == 1) {
                b.value += Opaque.consume(b);
            }
            b.value += i;
        }
        return b.value;
    }
}
