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
public final class TerserWorkload implements Workload {
    private Value minify;
    private String source;

    @Override
    public void setup(Path corpus) throws Exception {
        Path npm = corpus.resolve("npm");
        JsProgram js = new JsProgram();
        // A browser-style script: without a module system the bundle defines the global Terser (no source maps needed).
        js.load(npm.resolve("terser/package/dist/bundle.min.js"));
        minify = js.eval("minify.js", "(function (code) { return Terser.minify_sync(code, { module: true, compress: true, mangle: true }).code; })");
        source = Files.readString(npm.resolve("terser/package/lib/minify.js"));
        System.out.println("# terser: " + source.length() + " characters of JavaScript");
    }

    @Override
    public long iteration() {
        String code = minify.execute(source).asString();
        return new Hash().str(code).lng(code.length()).get();
    }

    @Override public int defaultWarmup() { return 15; }
    @Override public int defaultMaxWarmup() { return 3000; }
    @Override public int defaultMaxWarmupSeconds() { return 300; }
    @Override public int defaultMeasured() { return 15; }
}
