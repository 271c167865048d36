package dev.escape.test.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.escape.test.fuzz.Oracle.Difference;
import dev.escape.test.harness.Slot;

/**
 * Every reproducer the fuzzer saved ({@code ./escape fuzz --save}) must now pass: each of its
 * methods compiled with the escape slot and with Graal's phase, on every input of the pool, computes
 * what the interpreter computes (or both fail to compile it, a Graal limitation). The reproducers of
 * {@code escape-only/} crash the VM when Graal's own phase compiles them (a Graal bug that escape
 * avoids): they are compiled with the escape slot only. Those of {@code feedback/} came from the
 * feedback mode and are checked in it ({@link FeedbackOracle}; a method's name gives its seed).
 */
class FuzzRegressionTest {

    @TestFactory
    Stream<DynamicTest> savedReproducersPass() {
        return Regressions.all().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file, List.of(Slot.ESCAPE, Slot.GRAAL))));
    }

    @TestFactory
    Stream<DynamicTest> reproducersOfGraalCrashesPassWithEscape() {
        return Regressions.escapeOnly().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file, List.of(Slot.ESCAPE))));
    }

    /** Reproducers of the feedback mode: each method through {@link FeedbackOracle}, phase A on its seed's inputs. */
    @TestFactory
    Stream<DynamicTest> reproducersOfTheFeedbackModePass() {
        return Regressions.feedback().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            for (Method m : methods(file)) {
                long seed = Long.parseUnsignedLong(m.getName().substring(1));
                Difference d = FeedbackOracle.check(m, FeedbackOracle.phaseA(seed, 2), new FeedbackOracle.Stats());
                assertTrue(d == null || d.compilationFailed() && Fuzzer.graalFails(m, d), () -> file + ": " + d);
            }
        }));
    }

    private static List<Method> methods(Path file) throws Exception {
        Class<?> owner = InMemoryJavac.load(Fuzzer.CLASS, Files.readString(file));
        List<Method> methods = Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().matches("m\\d+")).toList();
        assertFalse(methods.isEmpty(), file + " has no generated method m<seed>");
        return methods;
    }

    private static void check(Path file, List<Slot> slots) throws Exception {
        for (Method m : methods(file)) {
            Difference d = Oracle.check(m, Oracle.allInputs(), slots.stream().map(Oracle::graal).toList());
            // A compilation Graal's own phase cannot do either is allowed to fail (see Fuzzer).
            assertTrue(d == null || d.compilationFailed() && Fuzzer.graalFails(m, d), () -> file + ": " + d);
        }
    }
}
