package dev.escape.test.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one generated class with the JDK's javac, in memory, and defines it (and its nested
 * classes) in a fresh class loader, so every batch and every shrinking step has its own statics.
 */
final class InMemoryJavac {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** javac said no: {@code diagnostics} says why. */
    static final class CompileError extends Exception {
        private static final long serialVersionUID = 1L;

        CompileError(String diagnostics) {
            super(diagnostics);
        }
    }

    private InMemoryJavac() {
    }

    /** Compiles {@code source}, which declares the top-level class {@code name}, and loads it. */
    static Class<?> load(String name, String source) throws CompileError {
        if (JAVAC == null) {
            throw new IllegalStateException("no system Java compiler: run the fuzzer on a JDK, not a JRE");
        }
        Map<String, byte[]> classes = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = JAVAC.getStandardFileManager(diagnostics, null, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                classes.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("mem:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-proc:none", "-nowarn", "-Xlint:none", "-classpath", graalClassPath());
        boolean ok = JAVAC.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
        if (!ok) {
            StringBuilder why = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    why.append("line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
                }
            }
            throw new CompileError(why.toString());
        }
        try {
            // Initialized up front, nested classes too: Graal compiles a `new` of an
            // uninitialized class to a deopt.
            Loader loader = new Loader(classes);
            for (String nested : classes.keySet()) {
                Class.forName(nested, true, loader);
            }
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * GraalDirectives is in the upgraded Graal module, which javac does not see (the JDK's own
     * module of that name is an empty placeholder): compile against the jars on the upgrade path.
     */
    private static String graalClassPath() {
        return System.getProperty("jdk.module.upgrade.path", "");
    }

    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(Map<String, byte[]> classes) {
            super(InMemoryJavac.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
