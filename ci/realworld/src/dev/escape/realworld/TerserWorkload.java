package dev.escape.realworld;

import java.nio.file.Files;
import java.nio.file.Path;

import org.graalvm.polyglot.Value;

/**
 * terser 5.51.4 (npm), the JavaScript minifier of webpack and Vite, run by GraalJS: minifies
 * terser's own lib/minify.js (15 KB, an ES module) with compression and name mangling, through
 * its synchronous API. Checksum: the minified code. (A larger input makes the c2 run, where Truffle
 * interprets, take many minutes.)
 */
public final class TerserWorkload implements JsWorkload {
    private Value minify;
    private String source;

    @Override
    public void setup(Path corpus) throws Exception {
        Path npm = corpus.resolve("npm");
        // A browser-style script: without a module system the bundle defines the global Terser (no source maps needed).
        minify = JsProgram.function(npm.resolve("terser/package/dist/bundle.min.js"), "minify.js",
                        "(function (code) { return Terser.minify_sync(code, { module: true, compress: true, mangle: true }).code; })");
        source = Files.readString(npm.resolve("terser/package/lib/minify.js"));
        System.out.println("# terser: " + source.length() + " characters of JavaScript");
    }

    @Override
    public long iteration() {
        return JsProgram.checksum(minify, source);
    }
}
