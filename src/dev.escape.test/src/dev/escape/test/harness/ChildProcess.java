package dev.escape.test.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code escape} script in a child process, as a user would from a shell. */
public final class ChildProcess {
    /** The repository root (set by Surefire; the working directory otherwise). */
    public static final Path ROOT = Path.of(System.getProperty("escape.root", ".")).toAbsolutePath().normalize();

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private ChildProcess() {
    }

    public static Result escape(Map<String, String> env, String... args) {
        return escapeIn(ROOT, env, args);
    }

    /** Runs the {@code escape} script of another installation {@code root}, from that directory. */
    public static Result escapeIn(Path root, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("escape").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        // The suite has just built build/lib; a child must not start another Maven build.
        pb.environment().put("ESCAPE_SKIP_BUILD", "1");
        pb.environment().putAll(env);
        try {
            Path out = java.nio.file.Files.createTempFile("escape-out", ".txt");
            Path err = java.nio.file.Files.createTempFile("escape-err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("escape " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            Result result = new Result(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
            java.nio.file.Files.delete(out);
            java.nio.file.Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static Result escape(String... args) {
        return escape(Map.of(), args);
    }
}
