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
 * avoids): they are compiled with the escape slot only.
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

    private static void check(Path file, List<Slot> slots) throws Exception {
        Class<?> owner = InMemoryJavac.load(Fuzzer.CLASS, Files.readString(file));
        List<Method> methods = Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().matches("m\\d+")).toList();
        assertFalse(methods.isEmpty(), file + " has no generated method m<seed>");
        for (Method m : methods) {
            Difference d = Oracle.check(m, Oracle.allInputs(), slots.stream().map(Oracle::graal).toList());
            // A compilation Graal's own phase cannot do either is allowed to fail (see Fuzzer).
            assertTrue(d == null || d.compilationFailed() && Fuzzer.graalFails(m, d), () -> file + ": " + d);
        }
    }
}
