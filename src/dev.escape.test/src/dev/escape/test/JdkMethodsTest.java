package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * JDK methods that broke escape's analysis under the JIT (found by ./escape workload): each
 * compiles through it without falling back to Graal's phase and without failing the compilation.
 */
class JdkMethodsTest {

    static Stream<Method> methods() throws NoSuchMethodException {
        return Stream.of(java.util.BitSet.class.getMethod("clone"), java.util.ArrayList.class.getMethod("clone"), java.util.HashMap.class.getMethod("clone"),
                        java.util.ArrayList.class.getMethod("toArray"), java.util.Arrays.class.getMethod("copyOf", int[].class, int.class));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void compilesWithoutFallback(Method method) {
        Compiled compiled = GraalHarness.compile(method, Slot.ESCAPE);
        assertEquals(null, compiled.record().fallback(), () -> method + ": " + compiled.record());
    }
}
