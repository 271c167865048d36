package dev.escape.realworld;

import java.nio.file.Files;
import java.nio.file.Path;

import org.graalvm.polyglot.Value;

/**
 * marked 18.3.0 (npm), a Markdown renderer, run by GraalJS: renders a long document to HTML, the
 * Markdown shipped in the acorn 8.19.0 and marked packages (acorn's README and CHANGELOG, marked's
 * README and man page), four times over (170 KB). Checksum: the HTML.
 */
public final class MarkedWorkload implements JsWorkload {
    private Value render;
    private String document;

    @Override
    public void setup(Path corpus) throws Exception {
        Path npm = corpus.resolve("npm");
        render = JsProgram.function(npm.resolve("marked/package/lib/marked.umd.js"), "render.js", "(function (markdown) { return marked.parse(markdown); })");
        StringBuilder doc = new StringBuilder();
        for (int copy = 0; copy < 4; copy++) {
            for (String file : new String[]{"acorn/package/README.md", "acorn/package/CHANGELOG.md", "marked/package/README.md", "marked/package/man/marked.1.md"}) {
                doc.append(Files.readString(npm.resolve(file))).append("\n\n");
            }
        }
        document = doc.toString();
        System.out.println("# marked: " + document.length() + " characters of Markdown");
    }

    @Override
    public long iteration() {
        return JsProgram.checksum(render, document);
    }
}
