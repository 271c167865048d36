package dev.escape.test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * A probe, not a check (issue 12): the final graph size HotSpotGraalCompiler records for a method
 * (what Graal's inliner compares with SmallCompiledLowLevelGraphSize), under escape's analysis and
 * under Graal's phase, for every corpus method and some JDK methods. Skipped unless
 * {@code -Dprobe.sizes=true}.
 */
class GraphSizeProbe {

    private static final Class<?>[] JDK = {java.util.ArrayList.class, java.util.HashMap.class, java.lang.StringBuilder.class, java.util.ArrayDeque.class,
                    java.util.Arrays.class, java.util.TreeMap.class, java.lang.String.class, java.util.regex.Matcher.class, java.util.stream.Collectors.class};

    record Row(String name, int escape, int graal, Map<String, Integer> e, Map<String, Integer> g) {
    }

    @Test
    void sizes() {
        Assumptions.assumeTrue(Boolean.getBoolean("probe.sizes"), "no -Dprobe.sizes=true");
        List<Method> methods = new ArrayList<>(CorpusMethods.all());
        int perClass = Integer.getInteger("probe.perClass", 8);
        for (Class<?> c : JDK) {
            Arrays.stream(c.getDeclaredMethods()).filter(m -> !Modifier.isAbstract(m.getModifiers()) && !Modifier.isNative(m.getModifiers()) && !m.isSynthetic())
                            .sorted(Comparator.comparing(Method::toString)).limit(perClass).forEach(methods::add);
        }
        List<Row> rows = new ArrayList<>();
        for (Method m : methods) {
            try {
                Compiled e = GraalHarness.compile(m, Slot.ESCAPE);
                Compiled g = GraalHarness.compile(m, Slot.GRAAL);
                rows.add(new Row(m.getDeclaringClass().getSimpleName() + "." + m.getName() + "/" + m.getParameterCount(), e.graphSize(), g.graphSize(), e.nodeClasses(), g.nodeClasses()));
            } catch (RuntimeException | LinkageError ex) {
                System.out.println("SKIP " + m + ": " + ex);
            }
        }
        long te = 0, tg = 0, larger = 0, smaller = 0;
        double logSum = 0;
        for (Row r : rows) {
            te += r.escape;
            tg += r.graal;
            logSum += Math.log((double) r.escape / r.graal);
            larger += r.escape > r.graal ? 1 : 0;
            smaller += r.escape < r.graal ? 1 : 0;
        }
        System.out.printf("SIZES methods=%d escape=%d graal=%d geomean=%.4f larger=%d smaller=%d%n", rows.size(), te, tg, Math.exp(logSum / rows.size()), larger, smaller);
        rows.sort(Comparator.comparingInt((Row r) -> r.graal - r.escape));
        for (Row r : rows.subList(0, Math.min(25, rows.size()))) {
            StringBuilder d = new StringBuilder();
            TreeSet<String> keys = new TreeSet<>(r.e.keySet());
            keys.addAll(r.g.keySet());
            for (String k : keys) {
                int diff = r.e.getOrDefault(k, 0) - r.g.getOrDefault(k, 0);
                if (diff != 0) {
                    d.append(' ').append(k).append(diff > 0 ? "+" : "").append(diff);
                }
            }
            System.out.printf("SIZE %-50s escape=%d graal=%d :%s%n", r.name, r.escape, r.graal, d);
        }
        for (Row r : rows.reversed().subList(0, Math.min(5, rows.size()))) {
            System.out.printf("SMALLER %-50s escape=%d graal=%d%n", r.name, r.escape, r.graal);
        }
    }
}
