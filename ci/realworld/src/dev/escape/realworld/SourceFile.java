package dev.escape.realworld;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Java source file of the Apache Commons Lang 3.17.0 sources jar: the input several workloads
 * derive theirs from.
 *
 * @param path the path in the jar, e.g. {@code org/apache/commons/lang3/StringUtils.java}
 * @param pkg the package, from the path
 * @param text the file's text
 * @param lines its lines, without line terminators
 */
record SourceFile(String path, String pkg, String text, List<String> lines) {

    /** The sources jar's {@code .java} files (module-info included), sorted by path. */
    static List<SourceFile> commonsLang(Path corpus) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : Corpus.read(corpus.resolve("commons-lang3-sources.jar"), ".java").entrySet()) {
            String path = e.getKey();
            int slash = path.lastIndexOf('/');
            String pkg = slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            files.add(new SourceFile(path, pkg, text, List.of(text.split("\r?\n", -1))));
        }
        return files;
    }
}
