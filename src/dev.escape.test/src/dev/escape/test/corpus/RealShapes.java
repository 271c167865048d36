package dev.escape.test.corpus;

/**
 * Shapes of javac (issue 12: javac allocated 11% more under escape than under Graal's phase):
 * its {@code List} is an immutable cons list whose empty list is one shared sentinel, and its
 * {@code ListBuffer} appends in place until {@code toList()} shares the list, after which an
 * append first copies it ({@code if (shared) copy();}). In javac {@code copy()} is a call the
 * inliner leaves, so the buffer escapes on that branch. In these loops the branch is never taken:
 * the buffer is virtual and its {@code shared} field is the constant {@code false}, so the branch
 * is dead. Graal's phase skips it and keeps the buffer virtual; escape's analysis used to analyze
 * it, make the buffer real there and so at the loop entry (and every appended cell with it).
 */
public final class RealShapes {
    private RealShapes() {
    }

    /** javac's List: the empty list is {@link #EMPTY}, whose tail is null. */
    static final class Cons {
        static final Cons EMPTY = new Cons(0, null);

        final int head;
        Cons tail;

        Cons(int head, Cons tail) {
            this.head = head;
            this.tail = tail;
        }

        boolean nonEmpty() {
            return tail != null;
        }

        static Cons of(int x) {
            return new Cons(x, EMPTY);
        }

        int sum() {
            int s = 0;
            for (Cons l = this; l.nonEmpty(); l = l.tail) {
                s = s * 31 + l.head;
            }
            return s;
        }
    }

    /** javac's ListBuffer. */
    static final class Buffer {
        Cons elems = Cons.EMPTY;
        Cons last;
        int count;
        boolean shared;

        Buffer append(int x) {
            if (shared) {
                copy();
            }
            Cons newLast = Cons.of(x);
            if (last != null) {
                last.tail = newLast;
                last = newLast;
            } else {
                elems = last = newLast;
            }
            count++;
            return this;
        }

        /** Copies the shared list; the buffer escapes into a call here, as into javac's copy(). */
        private void copy() {
            Opaque.consume(this);
            if (elems.nonEmpty()) {
                Cons orig = elems;
                elems = last = Cons.of(orig.head);
                while ((orig = orig.tail).nonEmpty()) {
                    last.tail = Cons.of(orig.head);
                    last = last.tail;
                }
            }
            shared = false;
        }

        Cons toList() {
            shared = true;
            return elems;
        }
    }

    /** javac's anonymous List iterator. */
    static final class Itr {
        Cons elems;

        Itr(Cons elems) {
            this.elems = elems;
        }

        boolean hasNext() {
            return elems.tail != null;
        }

        int next() {
            int result = elems.head;
            elems = elems.tail;
            return result;
        }
    }

    private static Cons numbers(int n) {
        Cons l = Cons.EMPTY;
        for (int i = n; i > 0; i--) {
            l = new Cons(i, l);
        }
        return l;
    }

    /** {@code TreeInfo.types(List)}: one append per element of a list. */
    @Inputs({"0", "1", "5"})
    static int types(int n) {
        Cons trees = numbers(n);
        Buffer ts = new Buffer();
        for (Cons l = trees; l.nonEmpty(); l = l.tail) {
            ts.append(l.head * 2);
        }
        return ts.toList().sum() + ts.count;
    }

    /** {@code List.from(Iterable)}: appends what an iterator yields. */
    @Inputs({"0", "1", "5"})
    static int fromIterable(int n) {
        Buffer xs = new Buffer();
        for (Itr it = new Itr(numbers(n)); it.hasNext();) {
            xs.append(it.next());
        }
        return xs.toList().sum();
    }

    /** {@code List.map(Function)}: the mapped list if any element changed, else the list itself. */
    @Inputs({"0, 1", "3, 1", "3, 2"})
    static int map(int n, int k) {
        Cons list = numbers(n);
        if (!list.nonEmpty()) {
            return 0;
        }
        boolean changed = false;
        Buffer buf = new Buffer();
        for (Itr it = new Itr(list); it.hasNext();) {
            int a = it.next();
            int z = a * k;
            buf.append(z);
            changed |= z != a;
        }
        return (changed ? buf.toList() : list).sum();
    }

    /** {@code JCCompilationUnit.getImports()}: appends some elements, leaves the loop early at others. */
    @Inputs({"0, 9", "7, 9", "7, 4"})
    static int imports(int n, int limit) {
        Buffer imports = new Buffer();
        for (Cons l = numbers(n); l.nonEmpty(); l = l.tail) {
            if (l.head % 3 != 0) {
                imports.append(l.head);
            } else if (l.head > limit) {
                break;
            }
        }
        return imports.toList().sum();
    }

    /** {@code InferenceContext.rollback(List)}: two buffers filled in one loop. */
    @Inputs({"0", "1", "6"})
    static int rollback(int n) {
        Buffer kept = new Buffer();
        Buffer dropped = new Buffer();
        for (Cons l = numbers(n); l.nonEmpty(); l = l.tail) {
            if ((l.head & 1) == 0) {
                kept.append(l.head);
            } else {
                dropped.append(l.head);
            }
        }
        return kept.toList().sum() * 7 + dropped.toList().sum();
    }

    /** javac's JCLiteral: a type tag and the value, boxed. */
    static final class Literal {
        static final Literal ERROR = new Literal(-1, null);

        final int tag;
        final Object value;

        Literal(int tag, Object value) {
            this.tag = tag;
            this.value = value;
        }
    }

    /**
     * {@code JavacParser.literal(Name, int)}: one literal node per case meets at a phi, some
     * holding a box of their value. Graal's phase merges the nodes into one virtual object (the
     * boxes, different on each path, are real) and so finds {@code t == ERROR} false; escape's
     * analysis used to refuse to merge objects whose fields hold different virtual objects and
     * allocated every node at the merge.
     */
    @Inputs({"0", "1", "2", "3"})
    static int literal(int kind) {
        Literal t = Literal.ERROR;
        switch (kind) {
            case 0:
                t = new Literal(0, Integer.valueOf(kind + 1000));
                break;
            case 1:
                t = new Literal(1, Long.valueOf(kind * 1000L));
                break;
            case 2:
                t = new Literal(2, "s");
                break;
            default:
                t = new Literal(3, null);
        }
        if (t == Literal.ERROR) {
            t = new Literal(-2, null);
        }
        return Opaque.consume(t) + t.tag + (t.value instanceof Integer i ? i : 0);
    }
}
