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
    private final Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();

    /** Evaluates a file of the program as a script (UMD bundles define their global). */
    void load(Path file) throws IOException {
        context.eval(Source.newBuilder("js", file.toFile()).build());
    }

    /** Evaluates {@code code}, named {@code name} in guest positions, and returns its value. */
    Value eval(String name, String code) {
        return context.eval(Source.newBuilder("js", code, name).buildLiteral());
    }
}
