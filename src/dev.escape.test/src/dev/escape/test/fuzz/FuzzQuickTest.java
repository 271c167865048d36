package dev.escape.test.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.escape.test.harness.Slot;

/**
 * The fuzzer's quick mode inside the normal test command: a fixed range of seeds, each method
 * compiled with the escape slot and with Graal's own phase and compared with the interpreter on
 * three inputs. The long mode is {@code ./escape fuzz --seeds=N}.
 */
class FuzzQuickTest {
    private static final int METHODS = 40;

    @Test
    void generatedMethodsComputeTheSameCompiled() {
        Coverage coverage = new Coverage();
        Fuzzer fuzzer = new Fuzzer(List.of(Oracle.graal(Slot.ESCAPE, coverage), Oracle.graal(Slot.GRAAL, coverage)), 3, 200, System.out::println);
        fuzzer.run(1, METHODS, 20);
        assertEquals(List.of(), fuzzer.failures().stream().map(f -> f.seed()).toList(),
                        () -> fuzzer.failures().stream().map(f -> "seed " + f.seed() + ": " + f.what() + "\n" + f.reproducer()).collect(Collectors.joining("\n\n")));
        assertEquals(METHODS, fuzzer.passed() + fuzzer.graalCannot().size());
        assertTrue(fuzzer.passed() >= METHODS * 9 / 10, () -> "too many methods Graal cannot compile: " + fuzzer.graalCannot());
        // the generated methods must give escape analysis work, or the comparison shows little
        assertTrue(coverage.removing() * 2 > coverage.compilations(), coverage::toString);
        System.out.println("coverage: " + coverage);
    }
}
