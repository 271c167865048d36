package dev.escape.test.corpus;

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
}
