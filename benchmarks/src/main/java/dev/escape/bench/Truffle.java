package dev.escape.bench;

import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Guest code run through the polyglot API (issue 13): esl, escape's in-tree Truffle language
 * ({@code src/dev.escape.lang}), and GraalJS. Each operation is one call of a guest function
 * from the host ({@code Value.execute}) that runs a guest loop of {@link #N} iterations; under
 * the Graal configurations the Truffle compiler compiles the guest functions, so B/op shows what
 * partial evaluation and escape analysis left of the guest's frames, boxes and objects (the
 * polyglot call itself costs a few bytes). Under {@code c2} and {@code c2-noea} there is no JVMCI
 * compiler: Truffle interprets the guest (its fallback runtime).
 *
 * <p>
 * The polyglot API, the Truffle runtime, GraalJS and esl's jar are not in benchmarks.jar: bench.sh
 * puts them on the class path ({@code build/graaljs-classpath}, {@code build/lib/escape-lang.jar}),
 * which JMH hands to its forks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsPrepend = {"--enable-native-access=ALL-UNNAMED"})
public class Truffle {
    /** Guest loop iterations per operation. */
    static final int N = 1000;

    /** Small objects in a loop, through a call that returns a new one: {@code s = add(s, new Vec(i, 1))}. */
    static final String ESL_VECTORS = """
                    struct Vec(x, y);
                    fn add(a, b) { return new Vec(a.x + b.x, a.y + b.y); }
                    fn main(n) {
                      var s = new Vec(0, 0);
                      var i = 0;
                      while (i < n) { s = add(s, new Vec(i, 1)); i = i + 1; }
                      return s.x + s.y;
                    }
                    """;

    /**
     * A call in a loop that returns a small object of boxed doubles, whose fields the caller reads:
     * every number here is a {@code Double} or {@code Long} box in the interpreter.
     */
    static final String ESL_POLAR = """
                    struct Point(x, y);
                    fn point(i) { var t = i * 0.001; return new Point(t * 3.0 - 1.0, 2.0 - t); }
                    fn norm1(p) { var a = p.x; var b = p.y; if (a < 0) { a = -a; } if (b < 0) { b = -b; } return a + b; }
                    fn main(n) {
                      var total = 0.0;
                      var i = 0;
                      while (i < n) { total = total + norm1(point(i)); i = i + 1; }
                      return total;
                    }
                    """;

    /** The JavaScript of TruffleJitTest: {@code s = s.add(new Vec(i, 1))}. */
    static final String JS_VECTORS = """
                    function Vec(x, y) { this.x = x; this.y = y; }
                    Vec.prototype.add = function (o) { return new Vec(this.x + o.x, this.y + o.y); };
                    function sumVectors(n) {
                      let s = new Vec(0, 0);
                      for (let i = 0; i < n; i++) { s = s.add(new Vec(i, 1)); }
                      return s.x + s.y;
                    }
                    sumVectors;
                    """;

    private Context esl;
    private Context js;
    private Value eslVectors;
    private Value eslPolar;
    private Value jsVectors;
    /** The argument, boxed once: no varargs array or box per call on the host side. */
    private final Object[] args = {N};

    @Setup(Level.Trial)
    public void setUp() {
        // No warning when there is no JVMCI compiler (c2, c2-noea): Truffle then interprets.
        esl = Context.newBuilder("esl").option("engine.WarnInterpreterOnly", "false").build();
        eslVectors = esl.parse("esl", ESL_VECTORS);
        eslPolar = esl.parse("esl", ESL_POLAR);
        js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        jsVectors = js.eval("js", JS_VECTORS);
        check(eslVectors.execute(args).asLong() == 499500L + N, "eslVectors");
        double polar = 0.0;
        for (int i = 0; i < N; i++) {
            double t = i * 0.001;
            polar = polar + (Math.abs(t * 3.0 - 1.0) + Math.abs(2.0 - t));
        }
        check(eslPolar.execute(args).asDouble() == polar, "eslPolar");
        check(jsVectors.execute(args).asLong() == 499500L + N, "jsVectors");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        esl.close();
        js.close();
    }

    @Benchmark
    public long eslVectors() {
        return eslVectors.execute(args).asLong();
    }

    @Benchmark
    public double eslCallReturnsObject() {
        return eslPolar.execute(args).asDouble();
    }

    @Benchmark
    public long jsVectors() {
        return jsVectors.execute(args).asLong();
    }
}
