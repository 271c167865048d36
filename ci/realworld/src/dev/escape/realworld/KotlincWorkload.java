package dev.escape.realworld;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;

/**
 * The Kotlin 2.2.20 compiler (kotlin-compiler-embeddable from Maven Central, K2 front end, JVM back
 * end) compiling the sources of KotlinPoet 1.12.0 (its -sources jar), in process, the way a build
 * daemon does (kotlin.environment.keepalive=true keeps the application environment between
 * compilations). Output goes to a jar in a temporary directory. Checksum: all jar entries.
 * One source line is adapted (see setup) because kotlin.jvm.JvmDefault became an error in 2.2.
 */
public final class KotlincWorkload implements Workload {
    /** Compiled subset (regex on the path in the sources jar); the rest comes from the binary jar. */
    static final String DEFAULT_FILTER =
            ".*/(CodeBlock|CodeWriter|LineWrapper|NameAllocator|Util|MemberName|Import)\\.kt";
    private Path srcDir;
    private Path outJar;
    private String[] args;

    @Override
    public void setup(Path corpus) throws Exception {
        System.setProperty("kotlin.environment.keepalive", "true");
        System.setProperty("idea.io.use.nio2", "true");
        Path tmp = Files.createTempDirectory("wl-kotlinc");
        srcDir = tmp.resolve("src");
        outJar = tmp.resolve("out.jar");
        int n = 0;
        java.util.regex.Pattern filter = java.util.regex.Pattern.compile(System.getProperty("wl.kotlinc.filter", DEFAULT_FILTER));
        for (Map.Entry<String, byte[]> e : Corpus.read(corpus.resolve("kotlinpoet-sources.jar"), ".kt").entrySet()) {
            if (!filter.matcher(e.getKey()).matches()) {
                continue;
            }
            Path p = srcDir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            byte[] text = e.getValue();
            if (e.getKey().endsWith("/jvm/JvmAnnotations.kt")) {
                // The only change to the corpus: kotlin.jvm.JvmDefault is an error in Kotlin 2.2's
                // stdlib, so refer to it by name (same generated code) instead of by class literal.
                text = new String(text, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("addAnnotation(JvmDefault::class)",
                                "addAnnotation(com.squareup.kotlinpoet.ClassName(\"kotlin.jvm\", \"JvmDefault\"))")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            Files.write(p, text);
            n++;
        }
        String kp = corpus.resolve("kotlinpoet.jar").toString();
        String cp = jarOf(Class.forName("kotlin.Unit")) + java.io.File.pathSeparator
                + jarOf(Class.forName("kotlin.reflect.full.KClasses")) + java.io.File.pathSeparator + kp;
        List<String> a = new ArrayList<>(List.of("-no-stdlib", "-no-reflect", "-classpath", cp, "-d", outJar.toString(),
                "-module-name", "kotlinpoet", "-Xfriend-paths=" + kp, "-jvm-target", "1.8", "-nowarn", "-opt-in=kotlin.RequiresOptIn",
                srcDir.toString()));
        args = a.toArray(new String[0]);
        System.out.println("# kotlinc: " + n + " source files in " + srcDir + ", classpath " + cp);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var paths = Files.walk(tmp)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (Exception ignored) {
            }
        }));
    }

    private static String jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Override
    public long iteration() throws Exception {
        ByteArrayOutputStream msgs = new ByteArrayOutputStream();
        ExitCode ec;
        try (PrintStream ps = new PrintStream(msgs, true, StandardCharsets.UTF_8)) {
            ec = new K2JVMCompiler().exec(ps, args);
        }
        if (ec != ExitCode.OK) {
            throw new IllegalStateException("kotlinc failed: " + ec + "\n" + msgs.toString(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile z = new ZipFile(outJar.toFile())) {
            var en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        Hash h = new Hash();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            h.str(e.getKey()).bytes(e.getValue());
        }
        return h.lng(entries.size()).get();
    }

    @Override public int defaultWarmup() { return 10; }
    @Override public int defaultMaxWarmupSeconds() { return 360; }
    @Override public int defaultMaxWarmup() { return 500; }
    @Override public int defaultMeasured() { return 3; }
}
