package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;
import dev.escape.test.corpus.Basics.Record;

/** Control-flow merges of virtual objects: field values become phis, objects of one shape merge. */
public final class Merges {
    private Merges() {
    }

    @Inputs({"1", "-1", "0"})
    static int sameObjectDifferentFields(int a) {
        Box b = new Box(a);
        if (a > 0) {
            b.value = 10;
        } else if (a < 0) {
            b.value = 20;
        }
        return b.value;
    }

    @Inputs({"1", "-1", "0"})
    static int twoAllocationsOneVariable(int a) {
        Box b;
        if (a > 0) {
            b = new Box(a * 3);
        } else {
            b = new Box(-a);
        }
        return b.value + 1;
    }

    @Inputs({"1", "2", "3", "0"})
    static int threeWayMerge(int a) {
        Point p;
        switch (a) {
            case 1 -> p = new Point(1, 10);
            case 2 -> p = new Point(2, 20);
            default -> p = new Point(a, a);
        }
        return p.x() + p.y();
    }

    /** Beyond Graal (2): a merge with null, a null check and field reads need no object at all. */
    @Inputs({"1", "-1", "0"})
    @BeyondGraal({"1"})
    static int mergeWithNullThenCheck(int a) {
        Box b = a > 0 ? new Box(a) : null;
        if (b != null) {
            return b.value;
        }
        return -1;
    }

    /**
     * kotlinc's miscompile (issue 12): an inlined callee returns null, a new object or null, and
     * the caller returns what it got. The phi of the real values must admit the object, not only
     * the null constants at its first and last inputs.
     */
    @Inputs({"0", "1", "2", "-3"})
    static Box nullObjectNullReturned(int a) {
        return nullObjectOrNull(a);
    }

    private static Box nullObjectOrNull(int a) {
        if (a == 0) {
            return null;
        }
        if (a > 0) {
            return new Box(a);
        }
        return null;
    }

    /** A holder whose first field holds objects that point back to it. */
    static final class Owner {
        Object child;
        int tag;
    }

    record ChildA(Owner owner) {
    }

    record ChildB(Owner owner) {
    }

    /**
     * Found in javac and Lucene by ./escape realworld (the analysis threw, Graal's phase took the
     * method): at the merge the children differ and cannot become one object, so each is made
     * real; each reaches its owner, which becomes real with it, and the owner's next field must
     * not be read as if it were still virtual.
     */
    @Inputs({"1", "-1"})
    static int fieldMaterializationMakesItsHolderReal(int a) {
        Owner o = new Owner();
        if (a > 0) {
            o.child = new ChildA(o);
        } else {
            o.child = new ChildB(o);
        }
        o.tag = a;
        return o.tag + (o.child instanceof ChildA ? 1 : 2);
    }

    @Inputs({"1", "-1", "5"})
    static int nestedObjectMerged(int a) {
        Box outer = new Box(0);
        if (a > 0) {
            outer.next = new Box(a);
        } else {
            outer.next = new Box(-a * 2);
        }
        return outer.next.value + outer.value;
    }

    @Inputs({"1", "-1", "0"})
    static int diamondAfterDiamond(int a) {
        Box b = new Box(a);
        if (a > 0) {
            b.value++;
        }
        int first = b.value;
        if (a < 0) {
            b.value--;
        } else {
            b.value += 100;
        }
        return first * 1000 + b.value;
    }

    /** Beyond Graal (1): only the escaping path needs the object; the read after the merge does not. */
    @Inputs({"1", "-1", "0"})
    @BeyondGraal({"1"})
    static int escapesOnOneBranchReadAfter(int a) {
        Box b = new Box(a);
        if (a < 0) {
            Negative.sink = b;
        }
        return b.value + 2;
    }

    @Inputs({"1", "-1", "0"})
    static int arraysOfOneLengthMerged(int a) {
        int[] xs;
        if (a > 0) {
            xs = new int[]{a, 1, 2};
        } else {
            xs = new int[]{-a, 3, a * 4};
        }
        xs[1] += 10;
        return xs[0] * 100 + xs[1] * 10 + xs[2];
    }

    @Inputs({"1", "-1", "0"})
    static int arraysOfTwoLengthsMerged(int a) {
        long[] xs = a > 0 ? new long[]{a, a} : new long[]{a, a, a};
        return (int) xs[0] + xs.length;
    }

    @Inputs({"1", "-1", "0"})
    static int objectAndArrayMerged(int a) {
        Object o = a > 0 ? new Box(a) : new int[]{a, 2};
        return o instanceof Box b ? b.value : ((int[]) o).length + ((int[]) o)[0];
    }

    @Inputs({"1", "-1", "0"})
    static int lockedOnOneSideOnly(int a) {
        Box b = new Box(a);
        Box c = new Box(a * 2);
        Box chosen;
        if (a > 0) {
            synchronized (b) {
                b.value++;
            }
            chosen = b;
        } else {
            chosen = c;
        }
        return chosen.value + b.value;
    }

    @Inputs({"1", "2", "3", "4", "0"})
    static int fourWayMergeWithNestedFields(int a) {
        Box b;
        switch (a) {
            case 1 -> {
                b = new Box(1);
                b.next = new Box(10);
            }
            case 2 -> {
                b = new Box(2);
                b.next = new Box(a * 20);
            }
            case 3 -> {
                b = new Box(3);
                b.next = null;
            }
            default -> {
                b = new Box(a);
                b.next = new Box(a);
                b.next.next = b;
            }
        }
        return b.value * 100 + (b.next == null ? -1 : b.next.value);
    }

    /**
     * Two records, each holding an array of boxes, meet at a phi: one merged record holding one
     * merged array whose fields are phis of the values, in one round of the analysis (Graal's
     * phase gets there in its second round).
     */
    @Inputs({"2", "-3", "0"})
    static long nestedObjectsMeetAtPhi(int a) {
        Record r = a > 0 ? new Record(Long.valueOf(a), Long.valueOf(a + 1)) : new Record(Long.valueOf(-a), Long.valueOf(a * 2));
        return r.at(0) * 10 + r.at(1);
    }

    /** The same records meeting in a slot of an array (a Truffle frame's locals): a merged field holding merged fields. */
    @Inputs({"2", "-3", "0"})
    static long nestedObjectsMeetInAField(int a) {
        Object[] frame = new Object[1];
        if (a > 0) {
            frame[0] = new Record(Long.valueOf(a), Long.valueOf(a + 1));
        } else {
            frame[0] = new Record(Long.valueOf(-a), Long.valueOf(a * 2));
        }
        Record r = (Record) frame[0];
        return r.at(0) * 10 + r.at(1);
    }

    /** One record's array escapes before the merge: the arrays cannot meet, the other one is made real at its path's end. */
    @Inputs({"2", "-3", "0"})
    static long nestedArrayEscapesOnOnePath(int a) {
        Record r;
        Negative.sink = null;
        if (a > 0) {
            r = new Record(Long.valueOf(a), Long.valueOf(a + 1));
            Negative.sink = r.values;
        } else {
            r = new Record(Long.valueOf(-a), Long.valueOf(a * 2));
        }
        return r.at(0) * 10 + r.at(1) + (Negative.sink == r.values ? 5 : 0);
    }

    /** One record's array is also held by a local read after the merge: it keeps its identity there. */
    @Inputs({"2", "-3", "0"})
    static long nestedArrayAlsoHeldByALocal(int a) {
        Object[] kept = null;
        Record r;
        if (a > 0) {
            r = new Record(Long.valueOf(a), Long.valueOf(a + 1));
            kept = r.values;
        } else {
            r = new Record(Long.valueOf(-a), Long.valueOf(a * 2));
        }
        r.values[1] = r.at(1) + 100;
        return r.at(0) * 10 + r.at(1) + (kept == null ? -1 : (Long) kept[1]);
    }
}
