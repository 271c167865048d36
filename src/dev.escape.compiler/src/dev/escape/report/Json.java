package dev.escape.report;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer. Output is pure ASCII (everything else is a {@code \\uXXXX}
 * escape), indented by two spaces, except for objects asked for on one line.
 *
 * <p>Hand-written on purpose, while the tests and the benchmarks read JSON with Jackson: this code
 * runs inside the JIT, in the compiler jar that Graal loads into every program's JVM, so that jar
 * carries no dependencies (a library there would join every program and could clash with its own).
 */
final class Json {
    private final PrintWriter out;
    /** One entry per open object or array: whether it has a member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;
    /** Objects opened at this depth or deeper are written on one line (see {@link #beginObjectOnOneLine}). */
    private int oneLineFrom = Integer.MAX_VALUE;

    Json(PrintWriter out) {
        this.out = out;
    }

    Json beginObject() {
        return begin('{');
    }

    /** An object written on one line, with whatever it holds: for small objects that come by the hundred (frames). */
    Json beginObjectOnOneLine() {
        begin('{');
        oneLineFrom = Math.min(oneLineFrom, open.size());
        return this;
    }

    Json endObject() {
        return end('}');
    }

    Json beginArray() {
        return begin('[');
    }

    Json endArray() {
        return end(']');
    }

    Json name(String name) {
        separate();
        out.print(quote(name));
        out.print(": ");
        afterName = true;
        return this;
    }

    Json value(String s) {
        return raw(s == null ? "null" : quote(s));
    }

    Json value(long n) {
        return raw(Long.toString(n));
    }

    Json value(boolean b) {
        return raw(Boolean.toString(b));
    }

    /** {@code "name": value} for a string that may be null. */
    Json field(String name, String value) {
        return name(name).value(value);
    }

    Json field(String name, long value) {
        return name(name).value(value);
    }

    Json field(String name, boolean value) {
        return name(name).value(value);
    }

    private Json begin(char bracket) {
        separate();
        afterName = false;
        out.print(bracket);
        open.push(new boolean[1]);
        return this;
    }

    private Json end(char bracket) {
        boolean oneLine = open.size() >= oneLineFrom;
        boolean[] hasMembers = open.pop();
        if (hasMembers[0]) {
            if (oneLine) {
                out.print(' ');
            } else {
                newline();
            }
        }
        if (open.size() < oneLineFrom) {
            oneLineFrom = Integer.MAX_VALUE;
        }
        out.print(bracket);
        if (open.isEmpty()) {
            out.println();
        }
        return this;
    }

    private Json raw(String token) {
        separate();
        afterName = false;
        out.print(token);
        return this;
    }

    /** Before a member: nothing after a name, else a comma (if needed) and a new line. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] hasMembers = open.peek();
        if (hasMembers == null) {
            return;
        }
        if (hasMembers[0]) {
            out.print(',');
        }
        hasMembers[0] = true;
        newline();
    }

    private void newline() {
        if (open.size() >= oneLineFrom) {
            out.print(' ');
            return;
        }
        out.println();
        out.print("  ".repeat(open.size()));
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
