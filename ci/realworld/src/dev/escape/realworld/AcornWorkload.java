package dev.escape.realworld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.graalvm.polyglot.Value;

/**
 * acorn 8.19.0 (npm), the JavaScript parser of webpack, ESLint and Rollup, run by GraalJS:
 * parses two real bundles, acorn's own dist/acorn.js (247 KB) and marked 18.3.0's
 * lib/marked.umd.js (56 KB), as ES2022 scripts, and walks each syntax tree. Checksum: the node
 * count and a hash of every node's type and offsets, per input.
 */
public final class AcornWorkload implements JsWorkload {
    /** Parses its argument and folds the tree into "nodes:hash". */
    private static final String WALK = """
                    (function (source) {
                      const ast = acorn.parse(source, { ecmaVersion: 2022, sourceType: 'script' });
                      let nodes = 0, hash = 0;
                      const stack = [ast];
                      while (stack.length > 0) {
                        const node = stack.pop();
                        nodes++;
                        hash = (Math.imul(hash, 31) + node.start * 7 + node.end + node.type.length) | 0;
                        for (const key in node) {
                          const v = node[key];
                          if (Array.isArray(v)) {
                            for (const c of v) { if (c !== null && typeof c === 'object' && typeof c.type === 'string') stack.push(c); }
                          } else if (v !== null && typeof v === 'object' && typeof v.type === 'string') {
                            stack.push(v);
                          }
                        }
                      }
                      return nodes + ':' + hash;
                    })
                    """;

    private Value walk;
    private List<String> inputs;

    @Override
    public void setup(Path corpus) throws Exception {
        Path npm = corpus.resolve("npm");
        Path acorn = npm.resolve("acorn/package/dist/acorn.js");
        walk = JsProgram.function(acorn, "walk.js", WALK);
        inputs = List.of(Files.readString(acorn), Files.readString(npm.resolve("marked/package/lib/marked.umd.js")));
        System.out.println("# acorn: " + inputs.stream().mapToInt(String::length).sum() + " characters of JavaScript");
    }

    @Override
    public long iteration() {
        Hash h = new Hash();
        for (String source : inputs) {
            h.str(walk.execute(source).asString());
        }
        return h.get();
    }
}
