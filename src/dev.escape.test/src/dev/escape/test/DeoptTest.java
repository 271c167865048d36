package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.escape.test.corpus.Deopts;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.CorpusInputs;
import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Outcome;
import dev.escape.test.harness.Slot;

/**
 * Forced deoptimization with virtual objects live ({@link Deopts}): each call runs freshly
 * installed code (a deopt may invalidate it), must really leave compiled code on the deopt path
 * (negative first argument) and stay in it otherwise, and must return what the interpreter returns.
 * Graal's own phase runs the same checks, as a control of the test itself.
 */
class DeoptTest {
    /** As in CorpusTest: {@code Deopts.method} or {@code Deopts.method:slot}, with why. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    static Stream<Arguments> methods() {
        return deopts().flatMap(m -> Stream.of(Slot.ESCAPE, Slot.GRAAL).map(s -> Arguments.of(CorpusMethods.name(m), s, m)));
    }

    /** The objects are virtual where Graal's are: otherwise the deopt would not test rematerialization. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeMethods")
    void noMoreAllocationsThanGraal(String name, Method m) throws Throwable {
        CorpusTest.check(KNOWN_FAILURES, name, "allocations", () -> Checks.noMoreAllocationsThanGraal(GraalHarness.compile(m, Slot.ESCAPE), GraalHarness.compile(m, Slot.GRAAL)));
    }

    private static Stream<Method> deopts() {
        return CorpusInputs.methods().stream().filter(m -> m.getDeclaringClass() == Deopts.class);
    }

    static Stream<Arguments> escapeMethods() {
        return deopts().map(m -> Arguments.of(CorpusMethods.name(m), m));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void resumesInTheInterpreterWithTheSameObjects(String name, Slot slot, Method m) throws Throwable {
        CorpusTest.check(KNOWN_FAILURES, name, slot.name().toLowerCase(), () -> {
            for (Object[] in : CorpusInputs.of(m)) {
                Compiled compiled = GraalHarness.compile(m, slot);
                if (slot == Slot.ESCAPE) {
                    assertEquals(null, compiled.record().fallback(), "escape's analysis fell back to Graal's phase");
                }
                Deopts.compiled = false;
                Outcome got = compiled.run(in);
                boolean stayedCompiled = Deopts.compiled;
                Outcome expected = compiled.reference(in);
                String call = name + Arrays.toString(in) + " with " + slot;
                assertEquals(expected, got, call);
                assertEquals(((Number) in[0]).longValue() >= 0, stayedCompiled, () -> call + (stayedCompiled ? " did not deoptimize" : " deoptimized unexpectedly"));
            }
        });
    }
}
