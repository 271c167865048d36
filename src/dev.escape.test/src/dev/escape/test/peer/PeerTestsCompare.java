package dev.escape.test.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.escape.integration.EscapePhase;
import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/**
 * {@code ./escape peer-tests}: runs Apache Commons Lang's own published test suite (fetched by
 * {@code ci/peer-tests/pom.xml} into build/peer/lib) under C2 and under a Graal configuration, and
 * compares the outcome of every test. The Graal run compiles early (low tier-4 thresholds), makes any
 * compiler failure fatal, and writes escape's report, from which the bailouts and fallbacks are counted.
 * Exit code 0 when every test has the same outcome, no VM died and escape cost no compilation; 1 when
 * not; 2 on bad arguments.
 */
public final class PeerTestsCompare {
    private static final String USAGE = "usage: ./escape peer-tests [--config=NAME]   (default config escape; compared with c2)";
    private static final Path PEER = ChildProcess.ROOT.resolve("build/peer");
    private static final Path LIB = PEER.resolve("lib");
    private static final String TESTS_JAR = "commons-lang3-3.17.0-tests.jar";

    /**
     * Left out: the time-zone and locale sweeps (org.apache.commons.lang3.time, LocaleUtilsTest,
     * ExtendedMessageFormatTest take ~90% of the suite's time over every locale of the JDK) and the
     * JMH classes the tests jar carries without JMH. What remains is ~4,200 tests.
     */
    private static final List<String> SELECTION = List.of("--scan-classpath", LIB.resolve(TESTS_JAR).toString(), "--exclude-package", "org.apache.commons.lang3.time",
                    "--exclude-classname", ".*(LocaleUtilsTest|ExtendedMessageFormatTest|_jmh.*|jmh_generated.*)");

    /** The JVM options of commons-lang3's own Surefire configuration (its reflection tests need them). */
    private static final List<String> SUITE_JVM = List.of("-Xmx512m", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED");

    /** Graal compiles after far fewer calls than by default, and a compiler failure ends the VM. */
    private static final List<String> AGGRESSIVE = List.of("-XX:Tier4InvocationThreshold=500", "-XX:Tier4MinInvocationThreshold=200", "-XX:Tier4CompileThreshold=800",
                    "-XX:Tier4BackEdgeThreshold=5000", "-Djdk.graal.CompilationFailureAction=ExitVM");

    private PeerTestsCompare() {
    }

    public static void main(String[] args) throws IOException {
        String config = "escape";
        for (String arg : args) {
            if (arg.startsWith("--config=") && arg.length() > 9) {
                config = arg.substring(9);
            } else {
                System.err.println("escape peer-tests: bad argument '" + arg + "'\n" + USAGE);
                System.exit(2);
            }
        }
        if (!Files.isRegularFile(LIB.resolve(TESTS_JAR))) {
            System.err.println("escape peer-tests: " + LIB.resolve(TESTS_JAR) + " is missing (./escape peer-tests fetches it with Maven)");
            System.exit(2);
        }
        Run reference = run("c2");
        Run tested = run(config);
        List<String> differences = JUnitReport.differences(reference.outcomes, tested.outcomes);
        System.out.printf("%s: %s%n%s: %s%n", reference.config, JUnitReport.summary(reference.outcomes), tested.config, JUnitReport.summary(tested.outcomes));
        differences.forEach(d -> System.out.println("  different: " + d));
        boolean clean = reference.vmExited() && tested.vmExited() && !reference.outcomes.isEmpty() && differences.isEmpty() && tested.bailouts == 0;
        if (!tested.vmExited() || !reference.vmExited()) {
            System.out.println("--- " + reference.config + ":\n" + reference.result + "\n--- " + tested.config + ":\n" + tested.result);
        }
        System.out.println(clean ? "same test outcomes under c2 and " + config : "DIFFERENT test outcomes under c2 and " + config);
        System.exit(clean ? 0 : 1);
    }

    /** One run of the suite: its outcomes by test, and what escape's report says of the compilations. */
    private record Run(String config, Result result, Map<String, String> outcomes, long compilations, long fallbacks, long bailouts) {
        /** The console launcher exits 0 (all passed) or 1 (some failed); anything else is a dead VM. */
        boolean vmExited() {
            return result.exitCode() == 0 || result.exitCode() == 1;
        }
    }

    private static Run run(String config) throws IOException {
        Path reports = PEER.resolve("reports-" + config);
        Path escapeReport = PEER.resolve("escape-report-" + config + ".txt");
        deleteTree(reports);
        Files.deleteIfExists(escapeReport);
        List<String> cmd = new ArrayList<>(List.of("java", "--config=" + config));
        boolean graal = !config.startsWith("c2");
        if (graal) {
            cmd.addAll(List.of("--report", "--report-file=" + escapeReport));
            cmd.addAll(AGGRESSIVE);
        }
        cmd.addAll(SUITE_JVM);
        cmd.addAll(List.of("-jar", LIB.resolve("junit-platform-console-standalone-1.11.4.jar").toString(), "execute", "--disable-banner", "--details=none",
                        "--reports-dir=" + reports, "-cp", classPath()));
        cmd.addAll(SELECTION);
        long start = System.nanoTime();
        Result result = ChildProcess.escape(cmd.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> outcomes = JUnitReport.outcomes(reports);
        long compilations = 0;
        long fallbacks = 0;
        long bailouts = 0;
        if (graal && Files.isRegularFile(escapeReport)) {
            List<String> lines = Files.readAllLines(escapeReport);
            compilations = lines.stream().filter(l -> l.startsWith("  compilation ")).count();
            fallbacks = lines.stream().filter(l -> l.startsWith("  compilation ") && l.contains("(fallback: ")).count();
            bailouts = lines.stream().filter(l -> l.startsWith("  compilation ") && l.contains("(fallback: " + EscapePhase.BAILOUT)).count();
        }
        System.out.printf("%-8s exit %d in %.0f s, %d tests%s%n", config, result.exitCode(), seconds, outcomes.size(),
                        graal ? String.format(", %d compilations recorded: %d fell back to Graal's phase, %d bailed out because of escape (report: %s)", compilations,
                                        fallbacks - bailouts, bailouts, ChildProcess.ROOT.relativize(escapeReport)) : "");
        return new Run(config, result, outcomes, compilations, fallbacks, bailouts);
    }

    private static String classPath() throws IOException {
        try (Stream<Path> jars = Files.list(LIB)) {
            return String.join(":", jars.map(Path::toString).filter(j -> j.endsWith(".jar")).sorted().toList());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
