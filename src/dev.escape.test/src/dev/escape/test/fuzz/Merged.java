package dev.escape.test.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import dev.escape.test.fuzz.Code.Block;
import dev.escape.test.fuzz.Code.Expr;
import dev.escape.test.fuzz.Code.Stmt;
import dev.escape.test.fuzz.Scope.Var;

/**
 * Objects merged from three or more paths, most of them null, some new, some existing, one a constant object: the return
 * of an inlined callee with several {@code return}s (kotlinc's miscompile was
 * {@code return null; ... return new X(); ... return null;}), an if-else chain or a switch. The
 * new objects sit at any position, so the phi's first and last inputs are often both null, and
 * some come from a constructor that calls another constructor and an initializer. After the
 * merge the value is used in the ways that force the analysis to decide what it is: stored,
 * passed to a call that is not inlined, null-checked and read, compared, held across a call or a
 * deopt, hashed into the result (or only null-checked and read, and dead from there on).
 */
final class Merged {
    private final Random r;
    private final Scope scope;
    private final Expressions e;
    private final String prefix;
    /** The callees made so far (members of the class next to the method). */
    private final List<Code> callees = new ArrayList<>();

    Merged(Random r, Scope scope, Expressions e, String methodName) {
        this.r = r;
        this.scope = scope;
        this.e = e;
        this.prefix = methodName + "c";
    }

    List<Code> callees() {
        return callees;
    }

    /**
     * {@code { P o = <merge>; <uses> }}: in its own block so the shrinker can drop each use; the
     * merged value is hashed into {@code h} (or null-checked and read) last.
     */
    Block statement(Supplier<Code> random) {
        scope.enter();
        Var o = new Var(scope.fresh("o"), "P", true); // in scope only after its merge
        List<Code> body = new ArrayList<>();
        body.add(switch (r.nextInt(4)) {
            case 0, 1 -> new Stmt("P " + o.name() + " = #;", call());
            case 2 -> new Stmt("P " + o.name() + " = #;", switchOf());
            default -> chain(o);
        });
        scope.add(o);
        for (int uses = 1 + r.nextInt(3); uses > 0; uses--) {
            body.add(use(o));
        }
        if (r.nextBoolean()) { // a random statement that may use o too
            body.add(random.get());
        }
        // Mostly hashed whole; else only null-checked and read, so that it is dead past this
        // statement and a pending object may be dropped at the next merge or back edge.
        body.add(new Stmt(r.nextInt(3) == 0 ? "h = h * 31 + (" + o.name() + " == null ? -1 : " + o.name() + ".i);" : "h = h * 31 + hashOf(" + o.name() + ");"));
        scope.exit();
        return new Block(body);
    }

    /** One of the values that flow into a merge: null (3 in 8), the constant object ZERO, a new object or an existing one. */
    private Expr arm(String k, Expr x) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> e.literal("P");
            case 3 -> new Expr("P", "ZERO");
            case 4, 5 -> fresh(k, x);
            default -> x;
        };
    }

    /** A new P: plain, or built by a chained constructor, or by an inlined helper. */
    private Expr fresh(String k, Expr x) {
        return switch (r.nextInt(4)) {
            case 0 -> new Expr("P", "new P(" + k + ", #)", x);
            case 1 -> new Expr("P", "new P(" + k + ", #, #)", x, r.nextBoolean() ? x : e.literal("Object"));
            case 2 -> new Expr("P", "wrap(#, " + k + ")", x);
            default -> new Expr("P", "new P()");
        };
    }

    /** 3 to 5 values; at least one of them new, at a random position. */
    private List<Expr> arms(String k, Expr x) {
        int n = 3 + r.nextInt(3);
        int fresh = r.nextInt(n);
        List<Expr> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(i == fresh ? fresh(k, x) : arm(k, x));
        }
        return values;
    }

    /** A condition on {@code k} that splits its values: the inputs take different arms. */
    private String test(String k) {
        int lit = r.nextInt(5) - 1;
        return switch (r.nextInt(3)) {
            case 0 -> k + " == " + lit;
            case 1 -> k + " > " + lit;
            default -> "(" + k + " & 3) == " + (lit + 1);
        };
    }

    /**
     * A call of a new callee {@code static P m<seed>c<n>(int k, P x)} with one {@code return} per
     * value, sometimes one of them a call of an earlier callee: the inliner merges all the returns
     * into one phi.
     */
    private Expr call() {
        String name = prefix + callees.size();
        Expr x = new Expr("P", "x");
        List<Expr> values = arms("k", x);
        if (!callees.isEmpty() && r.nextBoolean()) { // returns inlined two deep
            values.set(r.nextInt(values.size()), new Expr("P", prefix + r.nextInt(callees.size()) + "(k - 1, x)"));
        }
        List<Code> returns = new ArrayList<>();
        for (int i = 0; i < values.size() - 1; i++) {
            returns.add(new Stmt("if (" + test("k") + ") {\n    return #;\n}", values.get(i)));
        }
        returns.add(new Stmt("return #;", values.get(values.size() - 1)));
        callees.add(new Stmt("static P " + name + "(int k, P x) #", new Block(returns)));
        return new Expr("P", name + "(#, #)", r.nextBoolean() ? e.param() : e.intExpr(1), e.ref("P", 1));
    }

    /** {@code switch (a & 3) { case 0 -> ...; ... }}: every case ends at one merge. */
    private Expr switchOf() {
        String k = e.param().template();
        List<Expr> values = arms(k, e.ref("P", 0));
        StringBuilder template = new StringBuilder("switch (" + k + " & 7) {");
        for (int i = 0; i < values.size() - 1; i++) {
            template.append("\n    case ").append(i).append(" -> #;");
        }
        template.append("\n    default -> #;\n}");
        return new Expr("P", template.toString(), List.<Code>copyOf(values));
    }

    /** {@code P o; if (..) { o = ..; } else if (..) { o = ..; } else { o = ..; }}: javac jumps from every arm to one end. */
    private Stmt chain(Var o) {
        String k = e.param().template();
        List<Expr> values = arms(k, e.ref("P", 0));
        StringBuilder template = new StringBuilder("P " + o.name() + ";\n");
        for (int i = 0; i < values.size() - 1; i++) {
            template.append("if (").append(test(k)).append(") {\n    ").append(o.name()).append(" = #;\n} else ");
        }
        template.append("{\n    ").append(o.name()).append(" = #;\n}");
        return new Stmt(template.toString(), List.<Code>copyOf(values), false);
    }

    /** A use of the merged {@code o} that needs it real, or reads it, or keeps it alive across a call or deopt. */
    private Stmt use(Var v) {
        String o = v.name();
        return switch (r.nextInt(8)) {
            case 0 -> new Stmt("sink = " + o + ";");
            case 1 -> new Stmt("h += fn.apply(" + o + ");"); // not inlined: two implementations, no profile
            case 2 -> new Stmt("if (" + o + " != null) {\n    h = h * 31 + " + o + ".i + " + o + ".l;\n}");
            case 3 -> new Stmt("h += (" + o + " == #) ? 1 : 2;", e.ref("P", 1));
            case 4 -> new Stmt("h = h * 31 + fn.apply(#);\nh = h * 31 + geti(" + o + ");", e.ref("Object", 1)); // o lives in the call's frame state
            case 5 -> new Stmt("if (# == " + (r.nextInt(5) - 1) + ") {\n    " + Generator.DIRECTIVES + ".deoptimize();\n}\nh = h * 31 + geti(" + o + ");", e.param());
            case 6 -> new Stmt("if (# == " + (r.nextInt(5) - 1) + ") {\n    return h + hashOf(" + o + ");\n}", e.param());
            default -> new Stmt("if (" + o + " != null) {\n    " + o + ".i += #;\n}", e.intExpr(1));
        };
    }
}
