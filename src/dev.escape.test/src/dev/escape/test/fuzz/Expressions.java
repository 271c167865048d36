package dev.escape.test.fuzz;

import java.util.Random;

import dev.escape.test.fuzz.Code.Expr;
import dev.escape.test.fuzz.Scope.Var;

/**
 * Random well-typed expressions over the prelude's classes and the visible locals. Most of them
 * read objects (fields, arrays, boxes, identity, instanceof), which is what escape analysis must
 * keep exact; a few can throw (null fields, unguarded indices, casts, division).
 */
final class Expressions {
    private static final int[] LITERALS = {0, 1, 2, 3, -1, 7, 100, 127, 128, -128, -129, 1000, 65536};

    private final Random r;
    private final Scope scope;

    Expressions(Random r, Scope scope) {
        this.r = r;
        this.scope = scope;
    }

    /** An expression of {@code type}, at most {@code depth} operators deep. */
    Expr of(String type, int depth) {
        return switch (type) {
            case "int" -> intExpr(depth);
            case "long" -> longExpr(depth);
            case "boolean" -> bool(depth);
            default -> ref(type, depth);
        };
    }

    Expr literal(String type) {
        return switch (type) {
            case "int" -> new Expr("int", Integer.toString(LITERALS[r.nextInt(LITERALS.length)]));
            case "long" -> new Expr("long", (r.nextInt(50) - 10) + "L");
            case "boolean" -> new Expr("boolean", r.nextBoolean() ? "true" : "false");
            default -> new Expr(type, "((" + type + ") null)");
        };
    }

    private Expr var(Var v) {
        return new Expr(v.type(), v.name());
    }

    /** A visible variable usable as {@code type}, or null. */
    private Expr someVar(String type) {
        Var v = scope.pick(r, scope.usable(type));
        return v == null ? null : var(v);
    }

    Expr intExpr(int depth) {
        if (depth <= 0 || r.nextInt(10) < 3) {
            Expr v = r.nextInt(4) == 0 ? null : someVar("int");
            return v != null ? v : literal("int");
        }
        int d = depth - 1;
        return switch (r.nextInt(17)) {
            case 0, 1 -> new Expr("int", "(# + #)", intExpr(d), intExpr(d));
            case 2 -> new Expr("int", "(# * #)", intExpr(d), intExpr(d));
            case 3 -> new Expr("int", "(# ^ #)", intExpr(d), intExpr(d));
            case 4 -> new Expr("int", "(# - (# >> 2))", intExpr(d), intExpr(d));
            case 5, 6 -> new Expr("int", "#.i", ref("P", d));
            case 7 -> r.nextBoolean() ? new Expr("int", "#.x", ref("Q", d)) : new Expr("int", "#.y", ref("Q", d));
            case 8 -> arrayRead("int[]", d);
            case 9 -> new Expr("int", "(int) #", longExpr(d));
            case 10 -> new Expr("int", "#.intValue()", ref("Integer", d));
            case 11 -> new Expr("int", "(# ? # : #)", bool(d), intExpr(d), intExpr(d));
            case 12 -> new Expr("int", "geti(#)", ref("P", d));
            case 13 -> new Expr("int", "fn.apply(#)", ref("Object", d));
            case 14 -> new Expr("int", "thrower(#)", intExpr(d));
            case 15 -> r.nextInt(4) == 0 ? new Expr("int", "(# / #)", intExpr(d), intExpr(d)) : new Expr("int", "(# % (# | 1))", intExpr(d), intExpr(d));
            default -> {
                Expr arr = someVar(pick("int[]", "long[]", "Object[]"));
                yield arr != null ? new Expr("int", "#.length", arr) : literal("int");
            }
        };
    }

    Expr longExpr(int depth) {
        if (depth <= 0 || r.nextInt(10) < 2) {
            Expr v = someVar("long");
            return v != null && r.nextBoolean() ? v : new Expr("long", "(long) #", intExpr(0));
        }
        int d = depth - 1;
        return switch (r.nextInt(8)) {
            case 0 -> new Expr("long", "#.l", ref(r.nextBoolean() ? "P" : "Base", d));
            case 1 -> new Expr("long", "(# * 31L + #)", longExpr(d), intExpr(d));
            case 2 -> new Expr("long", "sum(#)", ref("P", d));
            case 3 -> new Expr("long", "hashOf(#)", ref("Object", d));
            case 4 -> new Expr("long", "counter");
            case 5 -> arrayRead("long[]", d);
            case 6 -> new Expr("long", "(# ^ (# << 7))", longExpr(d), longExpr(d));
            default -> new Expr("long", "(long) #", intExpr(d));
        };
    }

    Expr bool(int depth) {
        int d = Math.max(0, depth - 1);
        return switch (r.nextInt(10)) {
            case 0, 1 -> new Expr("boolean", "((# & #) == #)", param(), literal("int"), literal("int"));
            case 2 -> new Expr("boolean", "(# < #)", intExpr(d), intExpr(d));
            case 3 -> new Expr("boolean", "(# == #)", intExpr(d), intExpr(d));
            case 4 -> new Expr("boolean", "same(#, #)", ref("Object", d), ref("Object", d));
            case 5 -> new Expr("boolean", "same(#, #)", ref("Integer", d), ref("Integer", d));
            case 6 -> new Expr("boolean", "(# != null)", ref("Object", d));
            case 7 -> new Expr("boolean", "((Object) # instanceof " + pick("P", "Q", "Base", "Integer", "int[]", "Object[]") + ")", ref("Object", d));
            case 8 -> new Expr("boolean", "!#", bool(d));
            default -> new Expr("boolean", "(# || #)", bool(d), bool(d));
        };
    }

    /** A parameter: conditions on inputs make different inputs take different paths. */
    Expr param() {
        return new Expr("int", pick("a", "b", "c"));
    }

    Expr ref(String type, int depth) {
        Expr v = someVar(type);
        if (v != null && (depth <= 0 || r.nextInt(10) < 6)) {
            return v;
        }
        if (depth <= 0) {
            return leaf(type);
        }
        int d = depth - 1;
        return switch (type) {
            case "P" -> pExpr(d);
            case "Q" -> new Expr("Q", "new Q(#)", intExpr(d));
            case "Base" -> r.nextBoolean() ? pExpr(d) : new Expr("Q", "new Q(#)", intExpr(d));
            case "Integer" -> r.nextInt(4) == 0 ? cast("Integer", d) : new Expr("Integer", "Integer.valueOf(#)", intExpr(d));
            case "int[]" -> new Expr("int[]", "new int[] {#, #}", intExpr(d), intExpr(d));
            case "Object[]" -> r.nextBoolean() ? new Expr("Object[]", "new Object[] {#, #}", ref("Object", d), ref("Object", d)) : leaf(type);
            case "Object" -> objectExpr(d);
            default -> leaf(type);
        };
    }

    /** A new object with no operands, sometimes null. */
    private Expr leaf(String type) {
        if (r.nextInt(12) == 0) {
            return literal(type);
        }
        return switch (type) {
            case "P", "Base" -> new Expr("P", "new P()");
            case "Q" -> new Expr("Q", "new Q(#)", param());
            case "Integer" -> new Expr("Integer", "Integer.valueOf(#)", r.nextBoolean() ? param() : literal("int"));
            case "int[]" -> new Expr("int[]", "new int[" + (1 + r.nextInt(4)) + "]");
            case "long[]" -> new Expr("long[]", "new long[" + (1 + r.nextInt(3)) + "]");
            case "Object[]" -> new Expr("Object[]", (r.nextInt(3) == 0 ? "new P[" : "new Object[") + (1 + r.nextInt(3)) + "]");
            default -> leaf(pick("P", "P", "Q", "Integer", "int[]", "Object[]"));
        };
    }

    /** A downcast of an object: mostly guarded by instanceof, sometimes bare (may throw). */
    private Expr cast(String type, int d) {
        Expr from = ref("Object", d);
        if (r.nextInt(5) == 0) {
            return new Expr(type, "((" + type + ") (Object) #)", from);
        }
        return new Expr(type, "((Object) # instanceof " + type + " ? (" + type + ") (Object) # : #)", from, from, ref(type, d));
    }

    private Expr pExpr(int d) {
        return switch (r.nextInt(9)) {
            case 0, 1 -> new Expr("P", "new P()");
            case 2, 3, 4 -> new Expr("P", "new P(#, #)", intExpr(d), ref("P", d));
            case 5 -> new Expr("P", "wrap(#, #)", ref("P", d), intExpr(d));
            case 6 -> new Expr("P", "#.n", ref("P", d));
            case 7 -> new Expr("P", "(# ? # : #)", bool(d), ref("P", d), ref("P", d));
            default -> cast("P", d);
        };
    }

    private Expr objectExpr(int d) {
        return switch (r.nextInt(9)) {
            case 0 -> new Expr("Object", "sink");
            case 1 -> new Expr("Object", "#.o", ref("P", d));
            case 2 -> arrayRead("Object[]", d);
            case 3 -> new Expr("Object", "(# ? # : #)", bool(d), ref("Object", d), ref("Object", d));
            default -> ref(pick("P", "P", "Q", "Integer", "int[]", "Object[]"), d);
        };
    }

    /** An element read, or the place of an element store. */
    private Expr arrayRead(String arrayType, int d) {
        Var arr = scope.pick(r, scope.usable(arrayType));
        return arr == null ? literal(arrayType.substring(0, arrayType.length() - 2)) : element(arr, d);
    }

    /** {@code arr[index]}: mostly in bounds by construction, sometimes a raw index that may throw. */
    Expr element(Var arr, int d) {
        String type = arr.type().substring(0, arr.type().length() - 2);
        return switch (r.nextInt(10)) {
            case 0, 1 -> new Expr(type, arr.name() + "[0]");
            case 2 -> new Expr(type, arr.name() + "[#]", intExpr(d));
            default -> new Expr(type, arr.name() + "[(# & 3) % " + arr.name() + ".length]", intExpr(d));
        };
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
