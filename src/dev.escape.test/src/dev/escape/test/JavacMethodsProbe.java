package dev.escape.test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.nodes.spi.StableProfileProvider;

/**
 * A probe, not a check (issue 12): compiles methods of javac (or any class the test JVM can load)
 * with escape's analysis and with Graal's phase and prints both records and site decisions. With
 * {@code -Dprobe.workload=DIR} (the {@code target} folder of the real-programs reproducer, built)
 * javac first compiles Commons Lang {@code -Dprobe.warm} times (default 6) in this JVM, so the
 * methods are compiled with the profiles javac really has. Skipped unless {@code -Dprobe.methods}
 * is given: {@code Class#method#parameterCount[#text in the parameter types]}, separated by {@code ;}.
 *
 * <pre>
 * ./escape test -Dtest=JavacMethodsProbe -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dprobe.workload=/path/to/real-programs/target '-Dprobe.methods=com.sun.tools.javac.tree.TreeInfo#types#1'
 * </pre>
 */
class JavacMethodsProbe {

    @Test
    void compare() throws Exception {
        String spec = System.getProperty("probe.methods");
        Assumptions.assumeTrue(spec != null, "no -Dprobe.methods");
        warmUpIfAsked();
        for (String s : spec.split(";")) {
            String[] p = s.split("#");
            Class<?> owner = Class.forName(p[0], false, ClassLoader.getSystemClassLoader());
            List<Method> methods = Arrays.stream(owner.getDeclaredMethods())
                            .filter(m -> m.getName().equals(p[1]) && m.getParameterCount() == Integer.parseInt(p[2]))
                            .filter(m -> p.length < 4 || Arrays.toString(m.getParameterTypes()).contains(p[3])).toList();
            for (Method m : methods) {
                Compiled ours = compile(m, Slot.ESCAPE);
                Compiled graal = compile(m, Slot.GRAAL);
                System.out.println("=== " + m + "\n escape: " + ours.record().before() + " -> " + ours.record().after() + " fallback=" + ours.record().fallback() +
                                "\n graal:  " + graal.record().before() + " -> " + graal.record().after());
                System.out.println("-- escape sites:\n" + Checks.describe(ours) + "\n-- graal sites:\n" + Checks.describe(graal));
            }
        }
    }

    /**
     * With {@code -Dprobe.sizes=FILE}: the final graph size (what Graal's inliner compares with
     * SmallCompiledLowLevelGraphSize) of every method FILE lists, one per line as Graal formats
     * {@code %H.%n(%p)}, under escape's analysis and under Graal's phase with one profile, sorted by
     * difference. (The list for issue 12 came from a JIT run of javac with a throwaway low-tier
     * phase printing {@code graph.method().format("%H.%n(%p)")}.) Under one profile the two differ
     * by 0.03% in total over 3,109 of javac's methods, with the same allocation nodes.
     */
    @Test
    void sizes() throws Exception {
        String list = System.getProperty("probe.sizes");
        Assumptions.assumeTrue(list != null, "no -Dprobe.sizes");
        warmUpIfAsked();
        List<String> rows = new ArrayList<>();
        long te = 0, tg = 0;
        int larger = 0, smaller = 0, crossing = 0;
        for (String line : Files.readAllLines(Path.of(list))) {
            Method m = find(line.trim());
            if (m == null) {
                continue;
            }
            try {
                StableProfileProvider profiles = new StableProfileProvider();
                Compiled ours = GraalHarness.compile(m, Slot.ESCAPE, profiles);
                Compiled graal = GraalHarness.compile(m, Slot.GRAAL, profiles);
                te += ours.graphSize();
                tg += graal.graphSize();
                larger += ours.graphSize() > graal.graphSize() ? 1 : 0;
                smaller += ours.graphSize() < graal.graphSize() ? 1 : 0;
                crossing += ours.graphSize() > 330 && graal.graphSize() <= 330 ? 1 : 0;
                rows.add(String.format("%6d %5d %5d allocs %d/%d %s", ours.graphSize() - graal.graphSize(), ours.graphSize(), graal.graphSize(), ours.allocations(), graal.allocations(), line.trim()));
            } catch (RuntimeException | LinkageError | AssertionError e) {
                System.out.println("SKIP " + line + ": " + e);
                e.printStackTrace(System.out);
            }
        }
        rows.sort(Comparator.comparingInt((String r) -> Integer.parseInt(r.substring(0, 6).trim())).reversed());
        System.out.printf("SIZES methods=%d escape=%d graal=%d larger=%d smaller=%d escape>330>=graal=%d%n", rows.size(), te, tg, larger, smaller, crossing);
        rows.forEach(r -> System.out.println("SIZE " + r));
    }

    /** The method Graal formats as {@code line} ({@code %H.%n(%p)}, simple parameter type names), or null. */
    private static Method find(String line) {
        int paren = line.indexOf('(');
        int dot = line.lastIndexOf('.', paren);
        if (paren < 0 || dot < 0) {
            return null;
        }
        String params = line.substring(paren + 1, line.length() - 1).replace(" ", "");
        try {
            Class<?> owner = Class.forName(line.substring(0, dot), false, loader);
            for (Method m : owner.getDeclaredMethods()) {
                String simple = String.join(",", Arrays.stream(m.getParameterTypes()).map(t -> t.getName().substring(t.getName().lastIndexOf('.') + 1).replace(";", "[]")).toList());
                if (m.getName().equals(line.substring(dot + 1, paren)) && simple.equals(params)) {
                    return m;
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            System.out.println("SKIP " + line + ": " + e);
        }
        return null;
    }

    private static ClassLoader loader = ClassLoader.getSystemClassLoader();

    /**
     * {@code -Dprobe.workload=DIR}: the real-programs reproducer's target; {@code -Dprobe.realworld=DIR}:
     * build/realworld of {@code ./escape realworld}. Either runs javac {@code -Dprobe.warm} times.
     */
    private static void warmUpIfAsked() throws Exception {
        int iterations = Integer.getInteger("probe.warm", 6);
        if (System.getProperty("probe.workload") != null) {
            warmUp(Path.of(System.getProperty("probe.workload")), iterations);
        } else if (System.getProperty("probe.realworld") != null) {
            Path dir = Path.of(System.getProperty("probe.realworld"));
            List<URL> urls = new ArrayList<>(List.of(dir.resolve("classes").toUri().toURL()));
            try (var jars = Files.list(dir.resolve("lib"))) {
                for (Path jar : jars.toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
            Class<?> javac = loader.loadClass("dev.escape.realworld.JavacWorkload");
            Object workload = javac.getDeclaredConstructor().newInstance();
            javac.getMethod("setup", Path.class).invoke(workload, dir.resolve("corpus"));
            for (int i = 0; i < iterations; i++) {
                javac.getMethod("iteration").invoke(workload);
            }
        }
    }

    /** Code installation can fail when a class loaded meanwhile breaks a dependency: try once more. */
    private static Compiled compile(Method m, Slot slot) {
        try {
            return GraalHarness.compile(m, slot);
        } catch (RuntimeException e) {
            return GraalHarness.compile(m, slot);
        }
    }

    private static void warmUp(Path target, int iterations) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[]{target.resolve("classes").toUri().toURL()}, ClassLoader.getSystemClassLoader());
        Class<?> javac = loader.loadClass("wl.JavacWorkload");
        Object workload = javac.getDeclaredConstructor().newInstance();
        javac.getMethod("setup", Path.class).invoke(workload, target.resolve("corpus"));
        for (int i = 0; i < iterations; i++) {
            javac.getMethod("iteration").invoke(workload);
        }
    }
}
