package dev.escape.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code -Xbatch} with Graal as the JIT. Graal (jargraal) initializes itself on a Java thread,
 * running JDK code while it holds the JVMCI runtime's lock. When that JDK code gets hot, HotSpot
 * makes the thread wait for a blocking compilation, but the compiler thread needs the same lock:
 * neither moves until HotSpot's progress time-out (about 10 s), again and again. Seen here: javac
 * under {@code -Xbatch} took 160 s of wall time for 3.5 s of CPU.
 *
 * <p>
 * So under a Graal configuration {@code -Xbatch} keeps blocking compilation for the program's own
 * methods, which is what a user asks for with it, and the JDK's and Graal's own packages compile
 * in the background: one {@code CompileCommand} per package prefix, which HotSpot applies over
 * the global flag.
 */
final class BatchCompilation {
    /** Package prefixes of the JDK and of Graal, whose code runs while Graal initializes. */
    static final List<String> BACKGROUND_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun", "org.graalvm");

    /** {@code java} options that take their value as the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path",
                    "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module", "--enable-native-access",
                    "--source");

    private BatchCompilation() {
    }

    /**
     * Whether the JVM options in {@code javaArgs} (the arguments after escape's own options) ask
     * for blocking compilation of every method.
     */
    static boolean requested(List<String> javaArgs) {
        List<String> options = jvmOptions(javaArgs);
        return options.contains("-Xbatch") || options.contains("-XX:-BackgroundCompilation");
    }

    /** Whether the user silenced HotSpot's notes about compile commands, and so ours. */
    static boolean quiet(List<String> javaArgs) {
        return jvmOptions(javaArgs).contains("-XX:CompileCommand=quiet");
    }

    /** The JVM's options: the arguments before the main class, {@code -jar} or {@code -m}. */
    private static List<String> jvmOptions(List<String> javaArgs) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < javaArgs.size(); i++) {
            String arg = javaArgs.get(i);
            if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module") || arg.startsWith("--module=") || !arg.startsWith("-")) {
                break; // the program's own arguments follow: an -Xbatch there is not ours to read
            }
            options.add(arg);
            if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            }
        }
        return options;
    }

    /** The flags that keep the JDK and Graal compiling in the background under {@code -Xbatch}. */
    static List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add("-XX:CompileCommand=quiet");
        for (String pkg : BACKGROUND_PACKAGES) {
            flags.add("-XX:CompileCommand=BackgroundCompilation," + pkg + ".*::*,true");
        }
        return flags;
    }

    /** The one line that tells the user what became of their {@code -Xbatch} (unless quiet). */
    static String note() {
        return "escape: -Xbatch: the program's methods compile blocking; the JDK's and Graal's own (" + String.join(".*, ", BACKGROUND_PACKAGES) +
                        ".*) in the background, since blocking them stalls Graal's start-up for minutes";
    }
}
