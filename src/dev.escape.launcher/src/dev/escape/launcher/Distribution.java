package dev.escape.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the build put in {@code build/lib}: our compiler jar and the Graal jars it runs with.
 * Everything the launcher needs at run time is here, so running a program needs no network.
 */
public final class Distribution {
    /** The Graal artifacts that together replace the JDK's empty {@code jdk.graal.compiler} module. */
    static final List<String> GRAAL_ARTIFACTS = List.of("compiler", "word", "collections", "truffle-compiler");
    static final String COMPILER_MODULE = "dev.escape.compiler";
    private static final Pattern COMPILER_JAR = Pattern.compile("compiler-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar");

    private final Path lib;
    private final List<Path> graalJars;
    private final Runtime.Version graalVersion;

    private Distribution(Path lib, List<Path> graalJars, Runtime.Version graalVersion) {
        this.lib = lib;
        this.graalJars = graalJars;
        this.graalVersion = graalVersion;
    }

    /** Finds the build output under {@code root}, or says what is missing and how to get it. */
    public static Distribution locate(Path root) throws LaunchError {
        Path lib = root.resolve("build/lib").toAbsolutePath().normalize();
        Path graalDir = lib.resolve("graal");
        List<Path> jars = new ArrayList<>();
        Runtime.Version version = null;
        for (String artifact : GRAAL_ARTIFACTS) {
            Path jar = findJar(graalDir, artifact);
            if (jar == null) {
                throw new LaunchError("missing Graal jar " + artifact + "-<version>.jar in " + graalDir + " (run ./escape build)");
            }
            if (artifact.equals("compiler")) {
                Matcher m = COMPILER_JAR.matcher(jar.getFileName().toString());
                if (!m.matches()) {
                    throw new LaunchError("cannot read the Graal version from " + jar);
                }
                version = Runtime.Version.parse(m.group(1) + "." + m.group(2) + "." + m.group(3));
            }
            jars.add(jar);
        }
        return new Distribution(lib, List.copyOf(jars), version);
    }

    private static Path findJar(Path dir, String artifact) throws LaunchError {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Pattern name = Pattern.compile(Pattern.quote(artifact) + "-\\d+\\.\\d+\\.\\d+(\\.\\d+)?\\.jar");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
            if (found.size() > 1) {
                throw new LaunchError("more than one " + artifact + " jar in " + dir + ": " + found + " (run ./escape build)");
            }
            return found.isEmpty() ? null : found.get(0);
        } catch (IOException e) {
            throw new LaunchError("cannot list " + dir + ": " + e.getMessage());
        }
    }

    public Path lib() {
        return lib;
    }

    /** Our compiler jar, which only the escape configuration needs. */
    public Path compilerJar() throws LaunchError {
        Path jar = lib.resolve("escape-compiler.jar");
        if (!Files.isRegularFile(jar)) {
            throw new LaunchError("escape is not built: " + jar + " is missing (run ./escape build)");
        }
        return jar;
    }

    public List<Path> graalJars() {
        return graalJars;
    }

    public Runtime.Version graalVersion() {
        return graalVersion;
    }

    /** The value for {@code --upgrade-module-path}. */
    public String upgradeModulePath() {
        return String.join(java.io.File.pathSeparator, graalJars.stream().map(Path::toString).toList());
    }

    /**
     * Every package of Graal's compiler jar. They are all qualified exports, so a module or the
     * class path that uses them needs one {@code --add-exports} each.
     */
    public List<String> graalPackages() throws LaunchError {
        Path jar = graalJars.get(0);
        TreeSet<String> packages = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith("jdk/graal/compiler/") && n.endsWith(".class"))
                            .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
        } catch (IOException e) {
            throw new LaunchError("cannot read " + jar + ": " + e.getMessage());
        }
        return List.copyOf(packages);
    }

    /**
     * Graal refuses to start when it needs a newer JVMCI than the JDK has; say so before the VM dies.
     * Graal 25.0.N runs on JDK 25.0.M for M >= N.
     */
    public void checkRunsOn(Runtime.Version jdk) throws LaunchError {
        if (jdk.feature() != graalVersion.feature() || compareUpdates(jdk, graalVersion) < 0) {
            throw new LaunchError("Graal " + graalVersion + " in " + lib + " needs JDK " + graalVersion.feature() + "." + graalVersion.interim() + "." + graalVersion.update()
                            + " or a later " + graalVersion.feature() + " update, but this JDK is " + jdk + " (rebuild with ./escape build on this JDK)");
        }
    }

    private static int compareUpdates(Runtime.Version a, Runtime.Version b) {
        int c = Integer.compare(a.interim(), b.interim());
        return c != 0 ? c : Integer.compare(a.update(), b.update());
    }
}
