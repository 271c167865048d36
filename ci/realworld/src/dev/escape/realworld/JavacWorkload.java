package dev.escape.realworld;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac (the JDK's jdk.compiler, through javax.tools) compiling the Apache Commons Lang 3.17.0
 * sources (commons-lang3-sources.jar from Maven Central) in memory. Checksum: all emitted class
 * files. Only the sources whose path matches the regex -Dwl.javac.filter are compiled (default: the
 * builder, concurrent, function, mutable, reflect, text, time and tuple packages, about 175 files),
 * with the binary commons-lang3 jar on the class path for the rest; -Dwl.javac.filter=.* compiles all.
 */
public final class JavacWorkload implements Workload {
    private final List<JavaFileObject> sources = new ArrayList<>();
    private JavaCompiler compiler;
    private StandardJavaFileManager std;
    private List<String> options;

    @Override
    public void setup(Path corpus) throws Exception {
        java.util.regex.Pattern filter = java.util.regex.Pattern.compile(System.getProperty("wl.javac.filter",
                "org/apache/commons/lang3/(builder|concurrent|function|mutable|reflect|text|time|tuple)/.*"));
        for (Map.Entry<String, byte[]> e : Corpus.read(corpus.resolve("commons-lang3-sources.jar"), ".java").entrySet()) {
            String n = e.getKey();
            if (n.endsWith("module-info.java") || !filter.matcher(n).matches()) {
                continue;
            }
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            sources.add(new SimpleJavaFileObject(URI.create("mem:///" + n), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) { return text; }
            });
        }
        compiler = ToolProvider.getSystemJavaCompiler();
        std = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        options = new ArrayList<>(List.of("-proc:none", "-g", "-nowarn", "-Xlint:none", "-XDsuppressNotes",
                "--release", "17", "-implicit:none"));
        options.add("-classpath");
        options.add(corpus.resolve("commons-lang3.jar").toString());
        System.out.println("# javac: " + sources.size() + " source files");
    }

    @Override
    public long iteration() throws Exception {
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        var fm = new ForwardingJavaFileManager<StandardJavaFileManager>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///out/" + className + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        out.put(className, b);
                        return b;
                    }
                };
            }
        };
        int[] errors = {0};
        StringBuilder firstError = new StringBuilder();
        JavaCompiler.CompilationTask task = compiler.getTask(null, fm, d -> {
            if (d.getKind() == Diagnostic.Kind.ERROR && errors[0]++ == 0) {
                firstError.append(d);
            }
        }, options, null, sources);
        boolean ok = task.call();
        if (!ok || errors[0] > 0) {
            throw new IllegalStateException("javac failed: " + errors[0] + " errors, first: " + firstError);
        }
        Hash h = new Hash();
        for (Map.Entry<String, ByteArrayOutputStream> e : out.entrySet()) {
            h.str(e.getKey()).bytes(e.getValue().toByteArray());
        }
        return h.lng(out.size()).get();
    }

    @Override public int defaultWarmup() { return 15; }
    @Override public int defaultMaxWarmupSeconds() { return 150; }
    @Override public int defaultMaxWarmup() { return 2000; }
}
