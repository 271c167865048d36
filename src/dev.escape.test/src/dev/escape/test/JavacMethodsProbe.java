package dev.escape.test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

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
        String workload = System.getProperty("probe.workload");
        if (workload != null) {
            warmUp(Path.of(workload), Integer.getInteger("probe.warm", 6));
        }
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
