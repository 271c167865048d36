package dev.escape.realworld;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the entries of a corpus jar (a -sources artifact from Maven Central) into memory. */
final class Corpus {
    private Corpus() {}

    /** name -> bytes for every entry whose name ends with {@code suffix}, sorted by name. */
    static Map<String, byte[]> read(Path jar, String suffix) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            var en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(suffix)) {
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no *" + suffix + " in " + jar);
        }
        return out;
    }
}
