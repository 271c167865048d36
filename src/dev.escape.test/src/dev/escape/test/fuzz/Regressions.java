package dev.escape.test.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reduced reproducers of failures the fuzzer found, kept as sources in
 * {@code src/dev.escape.test/fuzz-regressions/} (outside the compiled sources: each is compiled
 * in memory like a generated class) and checked by {@link FuzzRegressionTest}. Reproducers of bugs
 * not fixed yet wait in the {@code open/} subdirectory, which the test does not read: move a file
 * up when its bug is fixed. Reproducers of bugs of Graal's own that escape avoids, on which Graal's
 * phase crashes the VM, are in {@code escape-only/}: the test runs them with escape's slot only.
 * Those of the feedback mode ({@code ./escape fuzz --feedback}) are in {@code feedback/}, checked
 * in that mode.
 */
final class Regressions {
    private Regressions() {
    }

    static Path directory() {
        return Path.of(System.getProperty("escape.root", ".")).toAbsolutePath().resolve("src/dev.escape.test/fuzz-regressions");
    }

    /** Saves {@code failure}'s reproducer; one of the feedback mode goes to {@code feedback/}, which the test checks in that mode. */
    static Path save(Fuzzer.Failure failure, boolean feedback) {
        Path file = (feedback ? directory().resolve("feedback") : directory()).resolve("seed" + Long.toUnsignedString(failure.seed()) + ".java");
        String header = "// Found by ./escape fuzz" + (feedback ? " --feedback" : "") + " --seeds=1 --start=" + Long.toUnsignedString(failure.seed()) + ", then reduced:\n" +
                        failure.what().lines().map(l -> "//   " + l + "\n").reduce("", String::concat);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, header + failure.reproducer() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The saved reproducers, by file name. */
    static List<Path> all() {
        return list(directory());
    }

    /** The reproducers that only escape's slot may compile (Graal's own phase crashes the VM on them), by file name. */
    static List<Path> escapeOnly() {
        return list(directory().resolve("escape-only"));
    }

    /** The reproducers of the fuzzer's feedback mode, checked in that mode. */
    static List<Path> feedback() {
        return list(directory().resolve("feedback"));
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
