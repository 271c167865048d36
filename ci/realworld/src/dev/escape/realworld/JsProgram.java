package dev.escape.realworld;

import java.io.IOException;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A JavaScript program from the npm registry (build/realworld/corpus/npm, fetched by the build),
 * run by GraalJS in one polyglot context: under the Graal configurations the Truffle compiler
 * compiles its hot functions (with escape's analysis under escape), under c2 Truffle interprets.
 */
final class JsProgram {
    private JsProgram() {
    }

    /**
     * Evaluates {@code script}, a file of the program, as a script in a new context (UMD bundles
     * define their global there), then {@code code}, named {@code name} in guest positions, and
     * returns its value: the function an iteration calls.
     */
    static Value function(Path script, String name, String code) throws IOException {
        Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        context.eval(Source.newBuilder("js", script.toFile()).build());
        return context.eval(Source.newBuilder("js", code, name).buildLiteral());
    }

    /** Calls {@code function} on {@code input} and returns the checksum of the text it returns. */
    static long checksum(Value function, String input) {
        String text = function.execute(input).asString();
        return new Hash().str(text).lng(text.length()).get();
    }
}
