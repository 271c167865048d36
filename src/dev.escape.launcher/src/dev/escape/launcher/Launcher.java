package dev.escape.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Back end of the {@code escape} script. The script finds a JDK 25 and execs {@code java}; this
 * class checks the rest and writes the JVM flags into an argfile, so the program runs as the
 * direct child of the shell with its own stdin, stdout, stderr and exit code.
 *
 * <pre>
 * plan ROOT ARGS...       print "N ARGFILE": N leading ARGS were escape's options
 * test-args ROOT FILE     write the library-mode JVM flags (for Surefire) to FILE
 * </pre>
 */
public final class Launcher {

    public static void main(String[] args) {
        try {
            run(Arrays.asList(args), System.out);
        } catch (LaunchError e) {
            System.err.println("escape: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(List<String> args, PrintStream out) throws LaunchError {
        if (args.size() < 2) {
            throw new LaunchError("usage: Launcher plan ROOT ARGS... | test-args ROOT FILE");
        }
        Path root = Path.of(args.get(1));
        switch (args.get(0)) {
            case "plan" -> {
                LaunchOptions options = LaunchOptions.parse(args.subList(2, args.size()));
                Path argfile = plan(root, options, args.subList(2 + options.consumed(), args.size()));
                out.println(options.consumed() + " " + argfile);
            }
            case "test-args" -> {
                if (args.size() != 3) {
                    throw new LaunchError("usage: Launcher test-args ROOT FILE");
                }
                Distribution dist = Distribution.locate(root);
                write(Path.of(args.get(2)), JitConfig.libraryModeFlags(dist));
            }
            default -> throw new LaunchError("unknown launcher command '" + args.get(0) + "'");
        }
    }

    /**
     * Checks the JDK and installation for {@code options} and returns the argfile to run with;
     * {@code javaArgs} are the arguments that go to {@code java} after it.
     */
    static Path plan(Path root, LaunchOptions options, List<String> javaArgs) throws LaunchError {
        List<String> flags = new ArrayList<>();
        if (options.config().usesGraal()) {
            if (ModuleFinder.ofSystem().find("jdk.internal.vm.ci").isEmpty()) {
                throw new LaunchError("this JDK (" + System.getProperty("java.home") + ") has no JVMCI module jdk.internal.vm.ci; use a JDK 25 with JVMCI, e.g. Temurin 25");
            }
            Distribution dist = Distribution.locate(root);
            dist.checkRunsOn(Runtime.version());
            flags.addAll(options.config().jvmFlags(dist));
        } else {
            flags.addAll(options.config().jvmFlags(null));
        }
        if (options.config().usesGraal() && BatchCompilation.requested(javaArgs)) {
            flags.addAll(BatchCompilation.flags());
            if (!BatchCompilation.quiet(javaArgs)) {
                System.err.println(BatchCompilation.note());
            }
        }
        if (options.reportFormat() != null) {
            prepareReport(options.reportFile(), ReportPlaceholder.content(options.reportFormat(), options.methods(), options.sites()));
            flags.add("-Djdk.graal.EscapeReport=" + options.reportFormat());
            flags.add("-Djdk.graal.EscapeReportFile=" + options.reportFile());
            if (options.reportEvery() > 0) {
                flags.add("-Djdk.graal.EscapeReportInterval=" + options.reportEvery());
            }
            if (!options.sites()) {
                flags.add("-Djdk.graal.EscapeReportSites=false");
            }
        }
        if (options.methods() != null) {
            flags.add("-Djdk.graal.EscapeMethods=" + options.methods());
        }
        if (options.sourcePath() != null) {
            flags.add("-Djdk.graal.EscapeSourcePath=" + options.sourcePath());
        }
        if (options.dumpDir() != null) {
            prepareDumpDir(options.dumpDir());
            flags.addAll(dumpFlags(options.dumpDir(), options.methods()));
        }
        if ((options.reportFormat() != null && options.sites()) || options.dumpDir() != null) {
            // Decisions name the source position of each allocation, also inside inlined code. Only
            // then: tracking positions costs every compilation time and memory.
            flags.add("-Djdk.graal.TrackNodeSourcePosition=true");
        }
        return writeArgfile(root.resolve("build/args"), flags);
    }

    /**
     * Checks the report path before the program starts, so a long run never ends with a lost
     * report, and leaves a report that says so if the program exits before anything is compiled.
     */
    private static void prepareReport(Path file, String placeholder) throws LaunchError {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, placeholder);
        } catch (IOException | RuntimeException e) {
            throw new LaunchError("cannot write the report file " + file + ": " + e);
        }
    }

    /**
     * Graal's own dumps (level 1: after parsing, after each tier, and before and after escape's
     * phase) and escape's annotated graphs, for the matching methods only.
     */
    static List<String> dumpFlags(Path dir, String methods) {
        // Graal announces its dumps on stdout unless it has a log file: keep the program's stdout its own.
        return List.of("-Djdk.graal.Dump=:1", "-Djdk.graal.PrintGraph=File", "-Djdk.graal.DumpPath=" + dir, "-Djdk.graal.MethodFilter=" + methods,
                        "-Djdk.graal.LogFile=" + dir.resolve("graal.log"), "-Djdk.graal.EscapeDumpPath=" + dir);
    }

    /** Checks that the dump directory can take files before the program starts. */
    private static void prepareDumpDir(Path dir) throws LaunchError {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, "escape-check", ".tmp"));
        } catch (IOException | RuntimeException e) {
            throw new LaunchError("cannot write dumps to " + dir + ": " + e);
        }
    }

    /** Argfiles are named by their content, so concurrent launches never see a half-written one. */
    private static Path writeArgfile(Path dir, List<String> flags) throws LaunchError {
        String content = String.join("\n", flags.stream().map(Launcher::quote).toList()) + "\n";
        Path file = dir.resolve(sha256(content).substring(0, 16) + ".args");
        if (!Files.isRegularFile(file)) {
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "args", ".tmp");
                Files.writeString(tmp, content);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new LaunchError("cannot write JVM argfile in " + dir + ": " + e.getMessage());
            }
        }
        return file;
    }

    private static void write(Path file, List<String> flags) throws LaunchError {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, String.join("\n", flags.stream().map(Launcher::quote).toList()) + "\n");
        } catch (IOException e) {
            throw new LaunchError("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Argfile syntax: quote arguments with spaces; backslashes are escapes inside quotes. */
    static String quote(String arg) {
        if (arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '#')) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
