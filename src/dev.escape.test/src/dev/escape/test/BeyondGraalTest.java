package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.escape.test.corpus.BeyondGraal;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.CorpusInputs;
import dev.escape.test.harness.CorpusMethods;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.vm.ci.code.InvalidInstalledCodeException;

/**
 * Where escape must beat Graal's phase ({@link BeyondGraal}): a graph may hold as many allocation
 * nodes either way, so this counts what the installed code allocates at run time on the given
 * inputs (bytes allocated by this thread over many calls, the same harness overhead for both).
 */
class BeyondGraalTest {
    private static final int CALLS = 10_000;
    /** Less than the smallest object: fewer bytes per call means at least one allocation less. */
    private static final int MIN_SAVING_PER_CALL = 8;

    static Stream<Arguments> methods() {
        return CorpusMethods.all().stream().filter(m -> m.isAnnotationPresent(BeyondGraal.class)).map(m -> Arguments.of(CorpusMethods.name(m), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void allocatesLessThanGraal(String name, Method m) throws Throwable {
        CorpusTest.check(name, "beyond", () -> {
            Compiled ours = GraalHarness.compile(m, Slot.ESCAPE);
            Compiled graal = GraalHarness.compile(m, Slot.GRAAL);
            for (Object[] in : CorpusInputs.parse(m, m.getAnnotation(BeyondGraal.class).value())) {
                long oursBytes = allocated(ours, in);
                long graalBytes = allocated(graal, in);
                assertTrue(oursBytes + (long) CALLS * MIN_SAVING_PER_CALL <= graalBytes,
                                () -> name + Arrays.toString(in) + ": escape allocated " + oursBytes + " bytes in " + CALLS + " calls, Graal " + graalBytes);
            }
        });
    }

    private static long allocated(Compiled c, Object[] in) throws InvalidInstalledCodeException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        c.code().executeVarargs(in);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            c.code().executeVarargs(in);
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
