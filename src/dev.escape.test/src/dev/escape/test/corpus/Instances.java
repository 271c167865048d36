package dev.escape.test.corpus;

import dev.escape.test.corpus.Basics.Box;
import dev.escape.test.corpus.Basics.Point;
import dev.escape.test.corpus.Shapes.Derived;
import dev.escape.test.corpus.Shapes.Mixed;
import dev.escape.test.corpus.Shapes.Pair;
import dev.escape.test.corpus.Shapes.Vec;

/** Plain objects that never escape: every allocation can be replaced by its fields. */
public final class Instances {
    private Instances() {
    }

    @Inputs({"3", "-5", "0"})
    static int updatedField(int a) {
        Box b = new Box(a);
        b.value += 7;
        b.value *= 2;
        return b.value;
    }

    @Inputs({"4", "-4", "0"})
    static int fieldWrittenOnBranches(int a) {
        Box b = new Box(0);
        if (a > 0) {
            b.value = a * 2;
        } else {
            b.value = 1 - a;
        }
        return b.value;
    }

    @Inputs({"1, 2", "-3, 7", "0, 0"})
    static int recordArithmetic(int a, int b) {
        Point p = new Point(a, b).plus(new Point(b, a)).plus(new Point(1, 1));
        return p.x() * 100 + p.y();
    }

    @Inputs({"3", "-9", "4000000000"})
    static long longFields(long a) {
        Vec v = new Vec(a, a + 1).scaled(3);
        long t = v.x;
        v.x = v.y;
        v.y = t;
        return v.x - v.y * 2;
    }

    @Inputs({"1", "-1", "0"})
    static int referenceFields(int a) {
        Pair p = new Pair("first", a > 0 ? "positive" : "not positive");
        return ((String) p.first).length() * 100 + ((String) p.second).length();
    }

    @Inputs({"0", "1", "-2"})
    static long defaultValues(int a) {
        Mixed m = new Mixed();
        if (a != 0) {
            m.i = a;
            m.d = a / 2.0;
        }
        return m.i + m.l + m.b + m.s + m.c + (long) (m.f + m.d * 4) + (m.o == null ? 1 : 0) + (m.z ? 10 : 20);
    }

    @Inputs({"2", "9", "-1"})
    static int subclassVirtualCall(int a) {
        Derived d = new Derived(a, a + 1);
        return d.weight() + d.id;
    }

    @Inputs({"5", "-5", "123456"})
    static int twoObjectsOneExpression(int a) {
        return new Box(a).value + new Box(a * 2).value;
    }
}
