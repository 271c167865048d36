package dev.escape.test.corpus;

/**
 * A callee the inliner refuses, so that an object passed to it escapes through a real call:
 * it is recursive to a depth the compiler cannot know, and Graal inlines recursion only a few
 * levels deep (MaximumRecursiveInlining), leaving a call. (A merely large method is not enough:
 * without profiles Graal still inlined a 32-case switch.)
 */
public final class Opaque {
    private Opaque() {
    }

    /** {@code n + 1} if {@code o} is not null, else {@code n}; recursive to depth {@code n}. */
    static int depth(Object o, int n) {
        return n <= 0 ? (o == null ? 0 : 1) : depth(o, n - 1) + 1;
    }

    /** A call that takes {@code o} and returns 1 for any non-null object. */
    static int consume(Object o) {
        return depth(o, 20) - 20;
    }
}
