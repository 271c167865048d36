package dev.escape.test.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.escape.test.fuzz.Code.Block;
import dev.escape.test.fuzz.Code.Expr;
import dev.escape.test.fuzz.Code.Stmt;
import dev.escape.test.fuzz.Scope.Var;

/**
 * Generates one method {@code static long m<seed>(int a, int b, int c)} from a seed, fully
 * deterministically: allocations, field and array traffic, merges (also of null and new objects
 * from three or more paths, see {@link Merged}), loops carrying objects, calls, escapes to static
 * state, monitors, exceptions, forced deopts and compare-and-sets. The method returns a hash of what it computed,
 * including the fields of its objects.
 */
final class Generator {
    private static final String[] LOCAL_TYPES = {"int", "P", "P", "P", "Q", "Object", "Integer", "int[]", "long[]", "Object[]", "Base"};
    static final String DIRECTIVES = "jdk.graal.compiler.api.directives.GraalDirectives";

    private final Random r;
    private final Scope scope = new Scope();
    private final Expressions e;
    private final Merged merged;
    private int budget;
    private int loops;

    private Generator(long seed) {
        this.r = new Random(seed);
        this.e = new Expressions(r, scope);
        this.merged = new Merged(r, scope, e, methodName(seed));
        this.budget = 6 + r.nextInt(22);
    }

    static String methodName(long seed) {
        return "m" + Long.toUnsignedString(seed);
    }

    /** The method of {@code seed}, as a class member. */
    static Stmt method(long seed) {
        return new Generator(seed).method(methodName(seed));
    }

    private Stmt method(String name) {
        for (String p : new String[]{"a", "b", "c"}) {
            scope.outermost().add(new Var(p, "int", false));
        }
        List<Code> body = new ArrayList<>();
        Var h = new Var("h", "long", true);
        scope.outermost().add(h);
        body.add(new Stmt("long " + h.name() + " = " + r.nextInt(1000) + "L;"));
        while (budget > 0) {
            body.add(statement(0));
        }
        body.add(result(h));
        // the callees of merged values follow the method, in the same member
        List<Code> kids = new ArrayList<>(List.of(new Block(body)));
        kids.addAll(merged.callees());
        return new Stmt("static long " + name + "(int a, int b, int c) #" + "\n#".repeat(merged.callees().size()), kids, false);
    }

    /**
     * {@code return h} mixed with the hashes of the method's outermost objects and values, one
     * operand at a time so that the shrinker can drop each.
     */
    private Stmt result(Var h) {
        Expr value = new Expr("long", h.name());
        for (Var v : scope.outermost()) {
            if (Scope.isReference(v.type())) {
                value = new Expr("long", "(# * 31 + hashOf(#))", value, new Expr(v.type(), v.name()));
            } else if (v.mutable() && !v.equals(h)) {
                value = new Expr("long", "(# * 31 + #)", value, new Expr(v.type(), v.name()));
            }
        }
        return new Stmt("return #;", value);
    }

    private Block block(int depth, int size) {
        scope.enter();
        List<Code> statements = new ArrayList<>();
        for (int i = 0; i < size && budget > 0; i++) {
            statements.add(statement(depth));
        }
        scope.exit();
        return new Block(statements);
    }

    private Block block(int depth) {
        return block(depth, 1 + r.nextInt(4));
    }

    private Code statement(int depth) {
        budget--;
        boolean nest = depth < 3;
        int kind = r.nextInt(nest ? 29 : 15);
        return switch (kind) {
            case 0, 1, 2 -> declare();
            case 3, 4 -> assign();
            case 5, 6 -> fieldStore();
            case 7 -> arrayStore();
            case 8, 9 -> new Stmt("h = h * 31 + #;", r.nextBoolean() ? e.intExpr(2) : e.longExpr(2));
            case 10 -> escape();
            case 11 -> guarded(r.nextBoolean() ? DIRECTIVES + ".deoptimize();" : DIRECTIVES + ".deoptimizeAndInvalidate();");
            case 12 -> r.nextBoolean() ? guarded("throw new E(#);", e.intExpr(1)) : guarded("return h + #;", e.longExpr(1));
            case 13 -> new Stmt("h += # ? 1 : 2;", e.bool(2));
            case 14 -> loops > 0 && r.nextBoolean() ? guarded(r.nextBoolean() ? "break;" : "continue;") : new Stmt("fn = #;", new Expr("Fn", r.nextBoolean() ? "new F1()" : "new F2()"));
            case 15, 16 -> r.nextBoolean() ? new Stmt("if (#) #", e.bool(2), block(depth + 1)) : new Stmt("if (#) # else #", e.bool(2), block(depth + 1), block(depth + 1));
            case 17, 18 -> loop(depth);
            case 19 -> new Stmt("synchronized (#) #", e.ref("Object", 1), block(depth + 1));
            case 20, 21 -> tryCatch(depth);
            case 22 -> carriedLoop(depth);
            case 23, 24 -> merged.statement(() -> statement(depth + 1));
            case 25 -> lazySet();
            case 26 -> testedRightAfterMerge();
            case 27 -> walked();
            default -> block(depth + 1);
        };
    }

    /** {@code if (cond) { text }}, the condition usually on a parameter. */
    private Stmt guarded(String text, Code... kids) {
        List<Code> all = new ArrayList<>();
        all.add(r.nextInt(3) == 0 ? e.bool(2) : new Expr("boolean", "(# == #)", e.param(), new Expr("int", Integer.toString(r.nextInt(5) - 1))));
        all.addAll(List.of(kids));
        return new Stmt("if (#) {\n    " + text + "\n}", all, false);
    }

    /**
     * A value set once by a compare-and-set on a fresh object, as kotlin's lazy values are set:
     * often a call's result (kotlinc's compilation failed when that call's frame state described
     * the object as holding it already), sometimes with a deopt between the call and the
     * compare-and-set, sometimes escaping.
     */
    private Block lazySet() {
        List<Code> body = new ArrayList<>();
        body.add(new Stmt("L lz = new L();"));
        body.add(new Stmt("Object nv = #;", r.nextBoolean() ? new Expr("Object", "fn.pass(#)", e.ref("Object", 2)) : e.ref("Object", 2)));
        if (r.nextInt(3) == 0) {
            body.add(guarded(DIRECTIVES + ".deoptimize();"));
        }
        body.add(new Stmt("h = h * 31 + (L.V.compareAndSet(lz, L.UNSET, nv) ? 1 : 2) + hashOf(lz.v);"));
        if (r.nextInt(3) == 0) {
            body.add(guarded("sink = lz;"));
        }
        return new Block(body);
    }

    /**
     * A new object or null, tested for null right after the two paths meet, as
     * {@code Optional.ofNullable(x).map(f)} does: each path decides the test on its own (escape
     * splits the test at the merge between rounds). The object is then read by a bounds-checked
     * load that may deoptimize, passed to a call, read past a deopt, or escapes; sometimes it is
     * used again after the two sides meet (which keeps the merge), or flows into a phi there.
     */
    private Block testedRightAfterMerge() {
        if (r.nextInt(3) == 0) {
            return constantTestedRightAfterMerge();
        }
        List<Code> body = new ArrayList<>();
        String fresh = "new P(#, null, #)";
        body.add(r.nextBoolean() ? new Stmt("P tm = # ? " + fresh + " : null;", e.bool(2), e.intExpr(2), e.ref("Object", 1))
                        : new Stmt("P tm = # ? null : " + fresh + ";", e.bool(2), e.intExpr(2), e.ref("Object", 1)));
        String use = switch (r.nextInt(4)) {
            case 0 -> "h = h * 31 + SMALL[tm.i & 7];";
            case 1 -> "h = h * 31 + fn.apply(tm);";
            case 2 -> "if (h == 3) {\n        " + DIRECTIVES + ".deoptimize();\n    }\n    h = h * 31 + tm.i + hashOf(tm.o);";
            default -> "h = h * 31 + tm.i;\n    if (h % 5 == 0) {\n        sink = tm;\n    }";
        };
        body.add(nullTest("tm", use, "h = h * 31 + 5;"));
        switch (r.nextInt(3)) {
            case 0 -> body.add(new Stmt("h = h * 31 + (tm == null ? -1 : tm.i);"));
            case 1 -> body.add(new Stmt("sink = h > 0 ? tm : null;"));
            default -> {
            }
        }
        return new Block(body);
    }

    /**
     * As {@link #testedRightAfterMerge}, with a constant in place of null and a new object in the
     * holder's field, as {@code Optional.of(new X(..))} merged with {@code Optional.EMPTY}: escape
     * knows the constant's final fields, makes the field's object real where the holder stays
     * pending (Merges.materializeFields), and splits the test at the merge (BranchSplitting). Each
     * side may deoptimize; the holder may escape afterwards.
     */
    private Block constantTestedRightAfterMerge() {
        List<Code> body = new ArrayList<>();
        String fresh = "new K(" + (r.nextBoolean() ? "new P(#, null)" : "Integer.valueOf(#)") + ", #)";
        body.add(r.nextBoolean() ? new Stmt("K tk = # ? " + fresh + " : K.NONE;", e.bool(2), e.intExpr(2), e.intExpr(2))
                        : new Stmt("K tk = # ? K.NONE : " + fresh + ";", e.bool(2), e.intExpr(2), e.intExpr(2)));
        String use = switch (r.nextInt(4)) {
            case 0 -> "h = h * 31 + SMALL[tk.i & 7] + hashOf(tk.v);";
            case 1 -> "h = h * 31 + fn.apply(tk.v);";
            case 2 -> "if (h == 3) {\n        " + DIRECTIVES + ".deoptimize();\n    }\n    h = h * 31 + tk.i + hashOf(tk.v);";
            default -> "h = h * 31 + tk.i;\n    if (h % 5 == 0) {\n        sink = tk.v;\n    }";
        };
        body.add(nullTest("tk.v", use, r.nextBoolean() ? "h = h * 31 + SMALL[(int) (h & 7)] + tk.i;" : "h = h * 31 + 5;"));
        switch (r.nextInt(3)) {
            case 0 -> body.add(new Stmt("h = h * 31 + (tk.v == null ? -1 : tk.i + hashOf(tk.v));"));
            case 1 -> body.add(new Stmt("sink = h > 0 ? tk : K.NONE;"));
            default -> {
            }
        }
        return new Block(body);
    }

    /** {@code if (tested == null) other else use}, or the same the other way round. */
    private Stmt nullTest(String tested, String use, String other) {
        return new Stmt(r.nextBoolean() ? "if (" + tested + " == null) {\n    " + other + "\n} else {\n    " + use + "\n}"
                        : "if (" + tested + " != null) {\n    " + use + "\n} else {\n    " + other + "\n}");
    }

    /**
     * A few nodes linked through {@code P.n} and walked by a loop, which escape peels between
     * rounds once per node. The last node links to null, to a real object or to one from outside
     * (then the walk is bounded: that may be a cycle). In the walk a node sometimes escapes, is
     * written, or the walk breaks early; sometimes the head is read again after the loop.
     */
    private Block walked() {
        List<Code> body = new ArrayList<>();
        int tail = r.nextInt(4);
        body.add(new Stmt("P wn = new P(#, #);", e.intExpr(1), switch (tail) {
            case 0 -> new Expr("P", "ZERO");
            case 1 -> e.ref("P", 1);
            default -> new Expr("P", "null");
        }));
        for (int k = r.nextInt(4); k > 0; k--) {
            body.add(new Stmt("wn = new P(#, wn);", e.intExpr(1)));
        }
        List<String> walk = new ArrayList<>(List.of("h = h * 31 + wk.i;"));
        switch (r.nextInt(5)) {
            case 0 -> walk.add("if (wk.i == " + (r.nextInt(5) - 1) + ") {\n        sink = wk;\n    }");
            case 1 -> walk.add("if (h % 7 == 0) {\n        break;\n    }");
            case 2 -> walk.add("wk.i += 3;");
            case 3 -> walk.add("h = h * 31 + hashOf(wk.o);");
            default -> {
            }
        }
        // Objects from outside may link into a cycle (other statements write P.n): bound that walk.
        String test = tail < 2 ? "wk != null && ++wd < 20" : "wk != null";
        body.add(new Stmt("int wd = 0;\nfor (P wk = wn; " + test + "; wk = wk.n) {\n    " + String.join("\n    ", walk) + "\n}"));
        if (r.nextBoolean()) {
            body.add(new Stmt("h = h * 31 + wn.i;"));
        }
        return new Block(body);
    }

    private Stmt declare() {
        String type = e.pick(LOCAL_TYPES);
        Expr init;
        if (type.equals("Integer") && r.nextBoolean()) {
            init = e.intExpr(2); // autoboxing
        } else {
            init = e.of(type, 2);
        }
        Var v = scope.declare(type.equals("int") ? "v" : "o", type, true);
        return new Stmt(type + " " + v.name() + " = #;", init);
    }

    private Code assign() {
        String type = e.pick(LOCAL_TYPES);
        Var v = scope.pick(r, scope.assignable(type));
        if (v == null) {
            return declare();
        }
        if (type.equals("int") && r.nextBoolean()) {
            return new Stmt(v.name() + " += #;", e.intExpr(2));
        }
        return new Stmt(v.name() + " = #;", e.of(type, 2));
    }

    private Stmt fieldStore() {
        return switch (r.nextInt(6)) {
            case 0 -> new Stmt("#.i = #;", e.ref("P", 1), e.intExpr(2));
            case 1 -> new Stmt("#.l = #;", e.ref("Base", 1), e.longExpr(2));
            case 2 -> new Stmt("#.o = #;", e.ref("P", 1), e.ref("Object", 2));
            case 3 -> new Stmt("#.n = #;", e.ref("P", 1), e.ref("P", 2));
            case 4 -> new Stmt("#.x = #;", e.ref("Q", 1), e.intExpr(2));
            default -> new Stmt("#.i += #;", e.ref("P", 1), e.intExpr(1));
        };
    }

    private Code arrayStore() {
        String type = e.pick("int[]", "long[]", "Object[]");
        Var arr = scope.pick(r, scope.usable(type));
        if (arr == null) {
            return declare();
        }
        return new Stmt("# = #;", e.element(arr, 1), e.of(type.substring(0, type.length() - 2), 2));
    }

    private Stmt escape() {
        return switch (r.nextInt(5)) {
            case 0, 1 -> new Stmt("sink = #;", e.ref("Object", 2));
            case 2 -> new Stmt("leak(#);", e.ref("Object", 2));
            case 3 -> new Stmt("counter += #;", e.longExpr(2));
            default -> new Stmt("h += fn.apply(#);", e.ref("Object", 2));
        };
    }

    private Stmt loop(int depth) {
        scope.enter();
        Var i = scope.declare("i", "int", false);
        loops++;
        Block body = block(depth + 1);
        loops--;
        scope.exit();
        return new Stmt("for (int " + i.name() + " = 0; " + i.name() + " < (# & 7); " + i.name() + "++) #", e.intExpr(1), body);
    }

    /**
     * A loop whose body replaces an object of the enclosing block with a new one, linked to it or
     * holding a new object of its own that holds a box (a guest object holding its fields: the
     * loop header merges them nested).
     */
    private Stmt carriedLoop(int depth) {
        Expr init = e.ref("P", 1);
        Var carried = scope.declare("o", "P", true);
        scope.enter();
        Var i = scope.declare("i", "int", false);
        loops++;
        String o = carried.name();
        String step = r.nextBoolean() ? o + " = new P(" + i.name() + " + " + o + ".i, " + o + ");"
                        : o + " = new P(" + i.name() + " + " + o + ".i, new P(" + i.name() + " * 3 + (" + o + ".n == null ? 1 : " + o + ".n.i), null, Integer.valueOf(" + i.name() + " + " + o + ".i)));";
        List<Code> body = new ArrayList<>();
        body.add(new Stmt(step));
        body.addAll(block(depth + 1).kids());
        loops--;
        scope.exit();
        return new Stmt("P " + carried.name() + " = #;\nfor (int " + i.name() + " = 0; " + i.name() + " < (# & 7); " + i.name() + "++) #", init, e.intExpr(1), new Block(body));
    }

    private Stmt tryCatch(int depth) {
        Block body = block(depth + 1);
        String ex = scope.fresh("x");
        return switch (r.nextInt(3)) {
            case 0 -> new Stmt("try # catch (E " + ex + ") {\n    h = h * 31 + " + ex + ".code;\n}", body);
            case 1 -> new Stmt("try # catch (RuntimeException " + ex + ") {\n    h = h * 31 + (" + ex + " instanceof E ? 1 : " + ex + " instanceof NullPointerException ? 2 : " + ex +
                            " instanceof ArithmeticException ? 3 : " + ex + " instanceof ArrayIndexOutOfBoundsException ? 4 : " + ex + " instanceof ClassCastException ? 5 : 6);\n}", body);
            default -> new Stmt("try # catch (E " + ex + ") {\n    sink = " + ex + ";\n} finally {\n    counter++;\n}", body);
        };
    }
}
