package dev.escape.test.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.escape.test.fuzz.Oracle.Backend;
import dev.escape.test.fuzz.Oracle.Runner;

/**
 * The oracle must notice every kind of difference: a wrong result, a wrong side effect on the
 * static state, a compilation that throws. Stand-in backends make each one on purpose.
 */
class OracleTest {
    private static final String SOURCE = """
                    final class Fuzz {
                        static Object sink;
                        static long counter;
                        static void reset() {
                            sink = null;
                            counter = 0;
                        }
                        static long m1(int a, int b, int c) {
                            int[] xs = new int[] {a, b};
                            sink = xs;
                            counter += c;
                            return xs[0] * 31L + xs[1];
                        }
                    }
                    """;

    private static Method method() throws Exception {
        Method m = InMemoryJavac.load(Fuzzer.CLASS, SOURCE).getDeclaredMethod("m1", int.class, int.class, int.class);
        m.setAccessible(true);
        return m;
    }

    private static Backend backend(String name, java.util.function.Function<Method, Runner> compile) {
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Runner compile(Method method) {
                return compile.apply(method);
            }
        };
    }

    private static final List<Object[]> INPUTS = List.of(new Object[]{1, 2, 3}, new Object[]{4, 5, 6});

    /** The difference the oracle reports for {@code backend}: there must be one. */
    private static String failure(Backend backend) throws Exception {
        Oracle.Difference d = Oracle.check(method(), INPUTS, List.of(backend));
        assertNotNull(d, backend.name() + " went unnoticed");
        return d.text();
    }

    @Test
    void theSameCodePasses() throws Exception {
        assertNull(Oracle.check(method(), INPUTS, List.of(backend("reflection", m -> args -> m.invoke(null, args)))));
    }

    @Test
    void aWrongResultFails() throws Exception {
        String failure = failure(backend("off-by-one", m -> args -> (Long) m.invoke(null, args) + 1));
        assertTrue(failure.contains("off-by-one") && failure.contains("returned"), failure);
    }

    @Test
    void aWrongSideEffectFails() throws Exception {
        String failure = failure(backend("lost-store", m -> args -> {
            Object result = m.invoke(null, args);
            Field sink = m.getDeclaringClass().getDeclaredField("sink");
            sink.setAccessible(true);
            ((int[]) sink.get(null))[1]++;
            return result;
        }));
        assertTrue(failure.contains("sink"), failure);
    }

    @Test
    void aCompilationThatThrowsFails() throws Exception {
        String failure = failure(backend("crashing", m -> {
            throw new IllegalStateException("phase bug");
        }));
        assertTrue(failure.contains("compilation threw") && failure.contains("phase bug"), failure);
    }

    @Test
    void aHungCompilationOrCallFails() throws Exception {
        Backend slowCompile = backend("slow-compile", m -> {
            sleep();
            return args -> m.invoke(null, args);
        });
        Backend slowCode = backend("slow-code", m -> args -> {
            sleep();
            return m.invoke(null, args);
        });
        Oracle.Difference compile = Oracle.check(method(), INPUTS, List.of(slowCompile), Duration.ofMillis(300));
        Oracle.Difference run = Oracle.check(method(), INPUTS, List.of(slowCode), Duration.ofMillis(300));
        assertTrue(compile != null && compile.text().contains("compilation did not finish"), String.valueOf(compile));
        assertTrue(run != null && run.text().contains("did not return"), String.valueOf(run));
    }

    private static void sleep() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled by the oracle: end early
        }
    }

    @Test
    void aDifferentExceptionFails() throws Exception {
        String failure = failure(backend("throwing", m -> args -> {
            throw new ArithmeticException();
        }));
        assertTrue(failure.contains("ArithmeticException"), failure);
    }
}
