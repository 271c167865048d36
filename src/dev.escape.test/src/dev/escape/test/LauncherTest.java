package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.launcher.Distribution;
import dev.escape.launcher.JitConfig;
import dev.escape.launcher.LaunchError;
import dev.escape.launcher.LaunchOptions;
import dev.escape.launcher.Launcher;
import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/** The launcher's options and its answers to bad input: one clear line, a non-zero exit. */
class LauncherTest {

    @Test
    void optionsStopAtTheFirstJavaArgument() throws LaunchError {
        LaunchOptions o = LaunchOptions.parse(List.of("--config=graal", "-Xmx1g", "--config=c2", "Main"));
        assertEquals(JitConfig.GRAAL, o.config());
        assertEquals(1, o.consumed());
        assertEquals(null, o.reportFormat());
    }

    @Test
    void reportDefaultsToTextInTheWorkingDirectory() throws LaunchError {
        LaunchOptions o = LaunchOptions.parse(List.of("--report", "--methods=Foo.*", "Main"));
        assertEquals("text", o.reportFormat());
        assertEquals(Path.of("escape-report.txt").toAbsolutePath(), o.reportFile());
        assertEquals("Foo.*", o.methods());
        assertEquals(2, o.consumed());
    }

    @Test
    void badOptionsAreRejected() {
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--config=c3"))).getMessage().contains("unknown --config 'c3'"));
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--report=pdf"))).getMessage().contains("unknown report format 'pdf'"));
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--config", "graal"))).getMessage().contains("after '='"));
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--config=c2", "--report"))).getMessage().contains("need --config=escape"));
    }

    @Test
    void missingGraalJarsAreNamed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("build/lib/graal"));
        LaunchError e = assertThrows(LaunchError.class, () -> Distribution.locate(root));
        assertTrue(e.getMessage().startsWith("missing Graal jar compiler-<version>.jar"), e.getMessage());
    }

    @Test
    void missingGraalJarsAreOneLineFromTheScript(@TempDir Path root) throws Exception {
        // An installation whose build/lib lost its Graal jars (the empty folder is still there).
        Files.copy(ChildProcess.ROOT.resolve("escape"), root.resolve("escape"));
        Files.createDirectories(root.resolve("build/lib/graal"));
        Files.copy(ChildProcess.ROOT.resolve("build/lib/escape-launcher.jar"), root.resolve("build/lib/escape-launcher.jar"));
        assertOneLineError(ChildProcess.escapeIn(root, Map.of(), "java", "-version"), "missing Graal jar compiler-<version>.jar in " + root.resolve("build/lib/graal"));
    }

    @Test
    void graalNewerThanTheJdkIsRefusedBeforeTheVmStarts() throws LaunchError {
        Distribution dist = Distribution.locate(ChildProcess.ROOT);
        LaunchError e = assertThrows(LaunchError.class, () -> dist.checkRunsOn(Runtime.Version.parse("25")));
        assertTrue(e.getMessage().contains("needs JDK 25.0"), e.getMessage());
        dist.checkRunsOn(Runtime.Version.parse("25.0.99"));
    }

    @Test
    void configurationFlagsSelectTheJit() throws LaunchError {
        Distribution dist = Distribution.locate(ChildProcess.ROOT);
        List<String> escape = JitConfig.ESCAPE.jvmFlags(dist);
        assertTrue(escape.contains("-Djdk.graal.CompilerConfiguration=escape"));
        assertTrue(escape.contains("--add-exports=jdk.graal.compiler/jdk.graal.compiler.virtual.phases.ea=dev.escape.compiler"));
        assertTrue(JitConfig.GRAAL_NOEA.jvmFlags(dist).contains("-Djdk.graal.PartialEscapeAnalysis=false"));
        assertTrue(!escape.contains("-Djdk.graal.EscapeFeedback=false"), "feedback is on by default");
        List<String> noFeedback = JitConfig.ESCAPE_NOFEEDBACK.jvmFlags(dist);
        assertEquals(escape, noFeedback.subList(0, escape.size()), "escape-nofeedback is escape plus one option");
        assertEquals(List.of("-Djdk.graal.EscapeFeedback=false"), noFeedback.subList(escape.size(), noFeedback.size()));
        assertEquals(List.of("-XX:-DoEscapeAnalysis"), JitConfig.C2_NOEA.jvmFlags(dist));
    }

    @Test
    void sourcePositionsAreTrackedOnlyWhenAReportOrDumpAsksForThem(@TempDir Path tmp) throws Exception {
        String track = "-Djdk.graal.TrackNodeSourcePosition=true";
        assertFalse(planned("--config=escape").contains(track));
        assertTrue(planned("--config=escape", "--report", "--report-file=" + tmp.resolve("r.txt")).contains(track));
        assertTrue(planned("--config=escape", "--dump=" + tmp.resolve("dumps"), "--methods=Foo.*").contains(track));
        List<String> noSites = planned("--config=escape", "--report=json", "--no-sites", "--report-file=" + tmp.resolve("r.json"));
        assertFalse(noSites.contains(track), "a report without sites needs no source positions");
        assertTrue(noSites.contains("-Djdk.graal.EscapeReportSites=false"), noSites::toString);
        assertFalse(planned("--config=escape", "--report", "--report-file=" + tmp.resolve("r.txt")).contains("-Djdk.graal.EscapeReportSites=false"));
    }

    @Test
    void noSitesImpliesATextReportAndRefusesDumps() throws LaunchError {
        LaunchOptions o = LaunchOptions.parse(List.of("--no-sites", "Main"));
        assertFalse(o.sites());
        assertEquals("text", o.reportFormat());
        assertTrue(LaunchOptions.parse(List.of("--report=json", "Main")).sites());
        assertTrue(assertThrows(LaunchError.class, () -> LaunchOptions.parse(List.of("--no-sites", "--dump", "--methods=A.b"))).getMessage().contains("--no-sites cannot go with --dump"));
    }

    @Test
    void xbatchKeepsTheJdkAndGraalCompilingInTheBackground() throws Exception {
        String jdkInBackground = "-XX:CompileCommand=BackgroundCompilation,java.*::*,true";
        for (String config : new String[]{"escape", "graal", "graal-noea"}) {
            List<String> flags = planned("--config=" + config, "-Xmx1g", "-cp", "x.jar", "-Xbatch");
            assertTrue(flags.contains(jdkInBackground), () -> config + ": " + flags);
            assertTrue(flags.contains("-XX:CompileCommand=BackgroundCompilation,jdk.*::*,true"), () -> config + ": " + flags);
            assertTrue(flags.contains("-XX:CompileCommand=quiet"), "HotSpot's echo of the commands would reach stdout");
        }
        assertTrue(planned("--config=graal", "-XX:-BackgroundCompilation").contains(jdkInBackground));
        assertFalse(planned("--config=c2", "-Xbatch").contains(jdkInBackground), "C2 has no such stall");
        assertFalse(planned("--config=graal").contains(jdkInBackground));
        // After the main class (or -jar, -m) an -Xbatch is the program's own argument.
        assertFalse(plannedFor(List.of("--config=graal", "-cp", "x.jar", "Main", "-Xbatch")).contains(jdkInBackground));
        assertFalse(plannedFor(List.of("--config=graal", "-jar", "app.jar", "-Xbatch")).contains(jdkInBackground));
    }

    /** A user who types -Xbatch gets a working run: no stall, the program's output unchanged, one line that says what changed. */
    @Test
    void xbatchRunsTheProgramWithoutStalling() {
        String demo = ChildProcess.ROOT.resolve("build/lib/escape-demo.jar").toString();
        Result c2 = ChildProcess.escape("java", "--config=c2", "-cp", demo, "dev.escape.demo.Demo", "100000");
        long start = System.nanoTime();
        Result r = ChildProcess.escape("java", "--config=escape", "-Xbatch", "-cp", demo, "dev.escape.demo.Demo", "100000");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(c2.stdout(), r.stdout());
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().startsWith("escape: -Xbatch: the program's methods compile blocking"), r::toString);
        // A stall is a multiple of HotSpot's 10 s progress time-out; the run itself takes a few seconds.
        assertTrue(seconds < 60, () -> "took " + seconds + " s: " + r);
    }

    /** The JVM flags the launcher plans for {@code options} (the argfile of {@code Launcher plan}). */
    private static List<String> planned(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("Main");
        return plannedFor(args);
    }

    /** The JVM flags the launcher plans for the arguments {@code args} of {@code escape java}. */
    private static List<String> plannedFor(List<String> javaArgs) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("plan", ChildProcess.ROOT.toString()));
            args.addAll(javaArgs);
            Launcher.main(args.toArray(String[]::new));
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        String argfile = bytes.toString(StandardCharsets.UTF_8).trim().split(" ", 2)[1];
        return Files.readAllLines(Path.of(argfile));
    }

    @Test
    void unknownConfigIsOneLineAndExitTwo() {
        assertOneLineError(ChildProcess.escape("java", "--config=c3", "-version"), "escape: unknown --config 'c3'");
    }

    @Test
    void unknownCommand() {
        Result r = ChildProcess.escape("frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("escape: unknown command 'frobnicate'"), r::toString);
    }

    @Test
    void wrongJdkVersion() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Path jdk = Files.isDirectory(jdk17) ? jdk17 : Path.of("/nonexistent");
        assertOneLineError(ChildProcess.escape(Map.of("ESCAPE_JAVA_HOME", jdk.toString()), "java", "-version"), "is not a JDK 25");
    }

    @Test
    void jdkWithoutJvmci(@TempDir Path fake) throws Exception {
        // A JDK 25 image without the jdk.internal.vm.ci module, as jlink can make one. Its java
        // must never run: the launcher refuses the JDK from its release file first.
        Path java = Files.createDirectories(fake.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'this java must not run' >&2\nexit 99\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"25.0.3\"\nMODULES=\"java.base java.logging\"\n");
        assertOneLineError(ChildProcess.escape(Map.of("ESCAPE_JAVA_HOME", fake.toString()), "java", "-version"), "has no JVMCI");
    }

    @Test
    void unwritableReportPathIsRefusedBeforeTheProgramStarts() {
        assertOneLineError(ChildProcess.escape("java", "--report-file=/proc/escape/report.txt", "-version"), "cannot write the report file /proc/escape/report.txt");
    }

    @Test
    void missingMainClassIsTheJvmsOwnError() {
        for (String config : new String[]{"escape", "c2"}) {
            Result r = ChildProcess.escape("java", "--config=" + config, "-cp", "/nonexistent", "NoSuchMain");
            assertEquals(1, r.exitCode(), r::toString);
            assertEquals("", r.stdout(), r::toString);
            assertTrue(r.stderr().startsWith("Error: Could not find or load main class NoSuchMain"), r::toString);
            assertFalse(r.stderr().contains("escape:"), r::toString);
        }
    }

    private static void assertOneLineError(Result r, String expected) {
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().startsWith("escape: ") && r.stderr().contains(expected), r::toString);
    }
}
