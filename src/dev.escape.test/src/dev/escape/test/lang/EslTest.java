package dev.escape.test.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The semantics of esl, escape's in-tree Truffle language ({@code src/dev.escape.lang}), run
 * through the polyglot API in this JVM. truffle-runtime is not on the tests' class path, so this
 * is Truffle's interpreter: nothing is compiled here ({@code EslJitTest} runs esl under escape).
 */
class EslTest {
    private static final Engine ENGINE = Engine.newBuilder("esl").option("engine.WarnInterpreterOnly", "false").build();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    /** Runs {@code program}'s {@code main(args...)} in a fresh context; the result as a Java value. */
    private static Object run(String program, Object... args) {
        try (Context context = Context.newBuilder("esl").engine(ENGINE).build()) {
            Value result = context.parse(Source.create("esl", program)).execute(args);
            // esl's Long, Double and Boolean reach the host as themselves, an object as its text.
            return result.isString() ? result.asString() : result.as(Object.class);
        }
    }

    /** {@code main} returning {@code expression}. */
    private static Object eval(String expression) {
        return run("fn main() { return " + expression + "; }");
    }

    /** The guest error {@code program} fails with: a guest exception, not a host one. */
    private static String error(String program, Object... args) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> run(program, args));
        assertTrue(e.isGuestException(), () -> "a guest error, not a host one: " + e);
        assertTrue(e.getMessage().startsWith("esl: "), e.getMessage());
        return e.getMessage();
    }

    private static void assertError(String expected, String program, Object... args) {
        String message = error(program, args);
        assertTrue(message.contains(expected), () -> "'" + expected + "' in: " + message);
    }

    @Test
    void integerArithmetic() {
        assertEquals(7L, eval("1 + 2 * 3"));
        assertEquals(9L, eval("(1 + 2) * 3"));
        assertEquals(-3L, eval("2 - 5"));
        assertEquals(3L, eval("7 / 2"));
        assertEquals(-3L, eval("-7 / 2"));
        assertEquals(1L, eval("7 % 3"));
        assertEquals(-1L, eval("-7 % 3"));
        assertEquals(5L, eval("--5"));
        assertEquals(2L, eval("10 - 4 - 4"));
        assertEquals(9_000_000_000L, eval("3000000000 * 3"));
    }

    @Test
    void doubleArithmetic() {
        assertEquals(0.75, eval("1.5 / 2"));
        assertEquals(3.5, eval("1 + 2.5"));
        assertEquals(2.5, eval("5.0 / 2"));
        assertEquals(-0.5, eval("-0.5"));
        assertEquals(1.5, eval("7.5 % 2"));
        assertEquals(Double.POSITIVE_INFINITY, eval("1.0 / 0"));
    }

    @Test
    void oneOperatorSeesIntegersAndDoubles() {
        // The same + node first specializes on integers, then also on doubles, then on both again.
        assertEquals(3L + 3.5 + 7L, run("fn add(a, b) { return a + b; } fn main() { return add(1, 2) + add(1.5, 2) + add(3, 4); }"));
    }

    @Test
    void comparisonsAndLogic() {
        assertEquals(true, eval("1 < 2"));
        assertEquals(false, eval("2 < 2"));
        assertEquals(true, eval("2 <= 2"));
        assertEquals(true, eval("3 > 2.5"));
        assertEquals(false, eval("2 >= 2.5"));
        assertEquals(true, eval("2 == 2.0"));
        assertEquals(true, eval("1 != 2"));
        assertEquals(true, eval("true == true"));
        assertEquals(false, eval("true != true"));
        assertEquals(true, eval("!false && (1 < 2 || 1 / 0 == 0)"));
        // Short circuit: the right operand would fail if it ran.
        assertEquals(false, eval("false && 1 / 0 == 0"));
        assertEquals(true, eval("true || 1 / 0 == 0"));
    }

    @Test
    void locals() {
        assertEquals(30L, run("fn main() { var a = 10; var b = a * 2; a = a + b - 10; return a + b - 10; }"));
        assertEquals(8L, run("fn main(x) { var y = x; x = 1; return y + x; }", 7));
        // A block's locals: visible to the end of the block, the name free again after it.
        assertEquals(3L, run("fn main() { var s = 0; { var t = 1; s = s + t; } { var t = 2; s = s + t; } return s; }"));
        assertEquals(45L, run("fn main() { var s = 0; var i = 0; while (i < 10) { var sq = i; s = s + sq; i = i + 1; } return s; }"));
    }

    @Test
    void ifAndElse() {
        String program = "fn main(n) { var s = 0; if (n < 0) { s = -1; } else if (n == 0) s = 0; else { s = 1; } return s; }";
        assertEquals(-1L, run(program, -5));
        assertEquals(0L, run(program, 0));
        assertEquals(1L, run(program, 5));
    }

    @Test
    void whileLoops() {
        assertEquals(5050L, run("fn main(n) { var s = 0; var i = 1; while (i <= n) { s = s + i; i = i + 1; } return s; }", 100));
        // Nested loops, and a loop that never runs.
        assertEquals(100L, run("fn main() { var c = 0; var i = 0; while (i < 10) { var j = 0; while (j < 10) { c = c + 1; j = j + 1; } i = i + 1; } "
                        + "while (false) { c = 0; } return c; }"));
        // return from inside a loop.
        assertEquals(7L, run("fn main() { var i = 0; while (true) { if (i == 7) { return i; } i = i + 1; } }"));
    }

    @Test
    void callsAndRecursion() {
        assertEquals(6765L, run("fn fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); } fn main() { return fib(20); }"));
        // Mutual recursion, and calls to functions declared later.
        assertEquals(true, run("fn main() { return even(10); } fn even(n) { if (n == 0) { return true; } return odd(n - 1); } "
                        + "fn odd(n) { if (n == 0) { return false; } return even(n - 1); }"));
        assertEquals(10L, run("fn f(a, b, c) { return a * 100 + b * 10 + c - 113; } fn main() { return f(1, 2, 3); }"));
        // Arguments are values: the callee's assignment does not reach the caller.
        assertEquals(1L, run("fn g(x) { x = 2; return x; } fn main() { var x = 1; g(x); return x; }"));
        // Without a return, or with an empty one, a function gives 0.
        assertEquals(0L, run("fn f() { var x = 1; } fn main() { return f(); }"));
        assertEquals(0L, run("fn f() { return; } fn main() { return f(); }"));
    }

    @Test
    void hostArguments() {
        assertEquals(42L, run("fn main(a, b) { return a * b; }", 6, 7));
        assertEquals(3.0, run("fn main(a, b) { return a * b; }", 1.5, 2));
        assertEquals(true, run("fn main(a) { return !a; }", false));
    }

    @Test
    void objects() {
        String vec = "struct Vec(x, y); fn add(a, b) { return new Vec(a.x + b.x, a.y + b.y); } ";
        assertEquals(499500L + 1000L, run(vec + "fn main(n) { var s = new Vec(0, 0); var i = 0; while (i < n) { s = add(s, new Vec(i, 1)); i = i + 1; } return s.x + s.y; }", 1000));
        // Fields can be written; objects are references (an alias sees the write).
        assertEquals(12L, run(vec + "fn main() { var v = new Vec(1, 2); var w = v; w.x = 10; return v.x + v.y; }"));
        // Nested objects, written through a path.
        assertEquals(5L, run("struct Box(v); struct Pair(a, b); fn main() { var p = new Pair(new Box(1), new Box(2)); p.b.v = 4; return p.a.v + p.b.v; }"));
        // Identity: == on objects is the same object, not the same fields.
        assertEquals(false, run(vec + "fn main() { return new Vec(1, 2) == new Vec(1, 2); }"));
        assertEquals(true, run(vec + "fn main() { var v = new Vec(1, 2); var w = v; return v == w; }"));
        // A struct without fields, and an object as main's result (its text reaches the host).
        assertEquals("Vec(x: 4, y: 6.5)", run(vec + "struct Unit(); fn main() { var u = new Unit(); return add(new Vec(1, 2), new Vec(3, 4.5)); }"));
    }

    @Test
    void oneFieldReadSeesTwoStructs() {
        // The same .y node first caches Vec's index of y, then sees Pt, where y is at another index.
        assertEquals(2L + 20L + 2L, run("struct Vec(x, y); struct Pt(y, x); fn y(o) { return o.y; } "
                        + "fn main() { return y(new Vec(1, 2)) + y(new Pt(20, 10)) + y(new Vec(1, 2)); }"));
    }

    @Test
    void runtimeErrors() {
        assertError("cannot apply + to the number 1 and the boolean true", "fn main() { return 1 + true; }");
        assertError("cannot apply < to a Vec and the number 1", "struct Vec(x, y); fn main() { return new Vec(1, 2) < 1; }");
        assertError("division by zero", "fn main() { return 1 / 0; }");
        assertError("division by zero", "fn main() { return 1 % 0; }");
        assertError("integer overflow in *", "fn main() { return 5000000000 * 5000000000; }");
        assertError("integer overflow in +", "fn main() { return 9223372036854775807 + 1; }");
        assertError("condition is not a boolean: the number 1", "fn main() { if (1) { return 1; } return 0; }");
        assertError("condition is not a boolean", "fn main() { while (0) { } return 0; }");
        assertError("Vec has no field z", "struct Vec(x, y); fn main() { return new Vec(1, 2).z; }");
        assertError("cannot access field x of the number 3", "fn main() { var n = 3; return n.x; }");
        assertError("cannot negate the boolean true", "fn main() { return -true; }");
        assertError("main takes 1 arguments, got 0", "fn main(n) { return n; }");
        assertError("main's arguments must be numbers or booleans", "fn main(s) { return s; }", "text");
    }

    @Test
    void syntaxErrors() {
        assertError("syntax error at Unnamed:1: undefined variable x", "fn main() { return x; }");
        assertError(":3: expected ';', found '}'", "fn main() {\n  var a = 1;\n  return a }");
        assertError("undefined function g", "fn main() { return g(1); }");
        assertError("function f takes 2 arguments, got 1", "fn f(a, b) { return a; } fn main() { return f(1); }");
        assertError("undefined struct Vec", "fn main() { return new Vec(1, 2); }");
        assertError("struct Vec has 2 fields, got 3 values", "struct Vec(x, y); fn main() { return new Vec(1, 2, 3); }");
        assertError("no function main", "fn f() { return 1; }");
        assertError("function f is declared twice", "fn f() { return 1; } fn f() { return 2; } fn main() { return f(); }");
        assertError("variable a is declared twice", "fn main() { var a = 1; var a = 2; return a; }");
        assertError("variable a is declared twice", "fn main(a) { if (true) { var a = 2; } return a; }");
        assertError("undefined variable y", "fn main(c) { if (c) { var y = 1; } return y; }");
        assertError("undefined variable x", "fn main() { var x = x + 1; return x; }");
        assertError("undefined variable b (declare it with var)", "fn main() { b = 1; return 0; }");
        assertError("unexpected character '#'", "fn main() { return 1 # 2; }");
        assertError("integer 99999999999999999999 is too large", "fn main() { return 99999999999999999999; }");
        assertError("missing '}'", "fn main() { return 1;");
        assertError("expected 'fn' or 'struct', found 'return'", "return 1;");
        assertError("expected an expression, found ')'", "fn main() { return (); }");
    }

    @Test
    void comments() {
        assertEquals(3L, run("// a program\nfn main() { // the entry\n  return 1 + 2; // three\n}\n"));
    }
}
