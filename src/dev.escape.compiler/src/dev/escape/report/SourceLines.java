package dev.escape.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.escape.decisions.Frame;

/**
 * Finds the source line of a frame under the {@code --source-path} roots, as
 * {@code ROOT/package/dirs/File.java} or {@code ROOT/File.java}. Files are read once.
 */
public final class SourceLines {
    private final List<Path> roots;
    private final Map<Path, Optional<List<String>>> files = new ConcurrentHashMap<>();

    private SourceLines(List<Path> roots) {
        this.roots = roots;
    }

    public static SourceLines none() {
        return new SourceLines(List.of());
    }

    /** @param path roots separated by the platform's path separator; null or empty for none */
    public static SourceLines of(String path) {
        List<Path> roots = new ArrayList<>();
        if (path != null) {
            for (String root : path.split(File.pathSeparator)) {
                if (!root.isBlank()) {
                    roots.add(Path.of(root));
                }
            }
        }
        return new SourceLines(List.copyOf(roots));
    }

    /** The line's text without leading and trailing blanks, or null when no source was found. */
    public String line(Frame frame) {
        if (frame == null || frame.fileName() == null || frame.line() <= 0) {
            return null;
        }
        String className = frame.className();
        int dot = className.lastIndexOf('.');
        String packageDir = dot < 0 ? "" : className.substring(0, dot).replace('.', '/');
        for (Path root : roots) {
            for (Path file : List.of(root.resolve(packageDir).resolve(frame.fileName()), root.resolve(frame.fileName()))) {
                List<String> lines = read(file);
                if (lines != null && frame.line() <= lines.size()) {
                    return lines.get(frame.line() - 1).strip();
                }
            }
        }
        return null;
    }

    private List<String> read(Path file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return Files.isRegularFile(f) ? Optional.of(Files.readAllLines(f, StandardCharsets.UTF_8)) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
