package dev.escape.test.harness;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.escape.test.corpus.Basics;

/**
 * Every static method of the top-level classes in the corpus package, found on disk so that a
 * corpus file added later is included without a list to update.
 */
public final class CorpusMethods {
    private static final String PACKAGE = Basics.class.getPackageName();

    private CorpusMethods() {
    }

    /** Sorted by class and method name; lambdas and other synthetic methods are left out. */
    public static List<Method> all() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c : classes()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    methods.add(m);
                }
            }
        }
        methods.sort(Comparator.comparing(CorpusMethods::name).thenComparing(Method::toString));
        return methods;
    }

    /** {@code Class.method}, without the package. */
    public static String name(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    private static List<Class<?>> classes() {
        Path dir;
        try {
            dir = Path.of(Basics.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(PACKAGE.replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the corpus classes: " + e.getMessage(), e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Class<?>> classes = new ArrayList<>();
            for (String file : files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".class") && !f.contains("$")).sorted().toList()) {
                classes.add(Class.forName(PACKAGE + "." + file.substring(0, file.length() - ".class".length())));
            }
            return classes;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the corpus classes in " + dir + ": " + e.getMessage(), e);
        }
    }
}
