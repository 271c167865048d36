package dev.escape.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Small "realistic" kernels written the way people write them: immutable complex numbers and
 * vectors, a tokenizer producing token objects, an interpreter with boxed values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Kernels {

    record Complex(double re, double im) {
        Complex plus(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex times(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        double abs2() {
            return re * re + im * im;
        }
    }

    record Vec3(double x, double y, double z) {
        Vec3 plus(Vec3 o) {
            return new Vec3(x + o.x, y + o.y, z + o.z);
        }

        Vec3 scale(double f) {
            return new Vec3(x * f, y * f, z * f);
        }

        double dot(Vec3 o) {
            return x * o.x + y * o.y + z * o.z;
        }

        Vec3 cross(Vec3 o) {
            return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
        }

        double length() {
            return Math.sqrt(dot(this));
        }

        Vec3 normalize() {
            double l = length();
            return l == 0 ? this : scale(1 / l);
        }
    }

    double[] cre = {-0.75, -0.1, 0.3, -1.2, 0.25, -0.5, 0.0, -0.7};
    double[] cim = {0.1, 0.65, 0.5, 0.2, 0.0, 0.55, 0.8, 0.3};
    double[] coords = {1, 2, 3, 0.5, -1, 2, 3, 3, -2, 0.1, 0.2, 0.3, 4, -4, 1, 2, 2, 2, -1, 0, 1, 9, 8, 7};

    /** Mandelbrot iteration counts for 8 points with an immutable Complex per operation. */
    @Benchmark
    public int mandelbrot() {
        int total = 0;
        for (int p = 0; p < cre.length; p++) {
            Complex c = new Complex(cre[p], cim[p]);
            Complex z = new Complex(0, 0);
            int n = 0;
            while (n < 32 && z.abs2() <= 4) {
                z = z.times(z).plus(c);
                n++;
            }
            total += n;
        }
        return total;
    }

    /** Cross products, normalization and scaling of immutable 3-vectors, accumulated in a loop. */
    @Benchmark
    public double vectors() {
        Vec3 acc = new Vec3(0, 0, 0);
        for (int k = 0; k + 3 <= coords.length; k += 3) {
            Vec3 a = new Vec3(coords[k], coords[k + 1], coords[k + 2]);
            Vec3 b = new Vec3(coords[k + 1], coords[k + 2], coords[k]);
            acc = acc.plus(a.cross(b).normalize().scale(a.dot(b)));
        }
        return acc.length();
    }

    enum Kind { LBRACE, RBRACE, LBRACKET, RBRACKET, COLON, COMMA, STRING, NUMBER, WORD, END }

    record Token(Kind kind, int start, int end) {
    }

    /** A JSON-like tokenizer: one Token object per token, consumed right away. */
    static final class Lexer {
        private final String s;
        private int pos;

        Lexer(String s) {
            this.s = s;
        }

        Token next() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos >= s.length()) {
                return new Token(Kind.END, pos, pos);
            }
            int start = pos;
            char c = s.charAt(pos++);
            Kind kind = switch (c) {
                case '{' -> Kind.LBRACE;
                case '}' -> Kind.RBRACE;
                case '[' -> Kind.LBRACKET;
                case ']' -> Kind.RBRACKET;
                case ':' -> Kind.COLON;
                case ',' -> Kind.COMMA;
                case '"' -> string();
                default -> c == '-' || (c >= '0' && c <= '9') ? number() : word();
            };
            return new Token(kind, start, pos);
        }

        private Kind string() {
            while (s.charAt(pos) != '"') {
                pos++;
            }
            pos++;
            return Kind.STRING;
        }

        private Kind number() {
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            return Kind.NUMBER;
        }

        private Kind word() {
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            return Kind.WORD;
        }
    }

    String json = "{\"id\": 42, \"name\": \"escape\", \"tags\": [true, null, -3.5], \"ok\": false}";

    @Benchmark
    public int tokenize() {
        Lexer lexer = new Lexer(json);
        int h = 0;
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            h = 31 * h + t.kind().ordinal() * 7 + (t.end() - t.start());
        }
        return h;
    }

    static final int ADD = 0, DEC = 1, JNZ = 2, MUL = 3, HALT = 4;
    /** b = 0; do { b += a; a -= 1; } while (a != 0); b *= 3; return b */
    int[] code = {ADD, DEC, JNZ, 0, MUL, 3, HALT};
    int n = 24;

    /** A switch-dispatch interpreter whose two registers hold boxed Integers. */
    @Benchmark
    public int interpret() {
        Object a = n;
        Object b = 1000;
        int pc = 0;
        while (true) {
            switch (code[pc]) {
                case ADD -> {
                    b = (Integer) b + (Integer) a;
                    pc++;
                }
                case DEC -> {
                    a = (Integer) a - 1;
                    pc++;
                }
                case JNZ -> pc = (Integer) a != 0 ? code[pc + 1] : pc + 2;
                case MUL -> {
                    b = (Integer) b * code[pc + 1];
                    pc += 2;
                }
                default -> {
                    return (Integer) b;
                }
            }
        }
    }
}
