package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;
import dev.escape.test.corpus.Basics;
import dev.escape.test.harness.Checks;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/**
 * Compiles each corpus method through the real high tier with the escape slot, checks how many
 * allocations are left, what was decided for each site, and that the installed code computes what
 * the interpreter computes.
 */
class LibraryModeTest {

    /** method, allocations left after the phase, decisions expected (in site order), inputs. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                        Arguments.of("localPoint", 0, List.of(Decision.ELIMINATED), inputs(args(3, 4), args(-1, 0))),
                        Arguments.of("pointLoop", 0, List.of(Decision.ELIMINATED, Decision.ELIMINATED, Decision.ELIMINATED), inputs(args(0), args(1), args(17))),
                        Arguments.of("nestedBoxes", 0, List.of(Decision.ELIMINATED, Decision.ELIMINATED), inputs(args(1), args(41))),
                        Arguments.of("smallArray", 0, List.of(Decision.ELIMINATED), inputs(args(7), args(-7))),
                        Arguments.of("boxing", 0, List.of(Decision.ELIMINATED, Decision.ELIMINATED, Decision.ELIMINATED), inputs(args(5), args(100_000))),
                        Arguments.of("returned", 1, List.of(Decision.KEPT), inputs(args(9))),
                        Arguments.of("storedToStatic", 1, List.of(Decision.KEPT), inputs(args(9))),
                        Arguments.of("escapesOnOneBranch", 1, List.of(Decision.PARTIAL), inputs(args(1), args(-1))),
                        Arguments.of("variableIndex", 0, List.of(Decision.ELIMINATED), inputs(args(5, 2), args(5, 7))),
                        Arguments.of("lockedBox", 0, List.of(Decision.ELIMINATED), inputs(args(1))),
                        Arguments.of("throwsLocally", 1, List.of(Decision.KEPT), inputs(args(1), args(-1))),
                        Arguments.of("divides", 0, List.of(Decision.ELIMINATED), inputs(args(6, 3), args(1, 0))));
    }

    private static Object[] args(Object... values) {
        return values;
    }

    private static List<Object[]> inputs(Object[]... calls) {
        return List.of(calls);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void allocationsDecisionsAndResults(String name, int allocationsLeft, List<Decision> decisions, List<Object[]> inputs) {
        Compiled compiled = GraalHarness.compile(Basics.class, name, Slot.ESCAPE);
        assertEquals(null, compiled.record().fallback(), () -> "escape's analysis fell back to Graal's: " + compiled.record());
        assertEquals("escape", compiled.record().analysis());
        assertEquals(allocationsLeft, compiled.allocations(), () -> "allocations left in " + name + ": " + compiled.record());
        assertEquals(decisions, compiled.sites().stream().map(SiteDecision::decision).toList(), () -> Checks.describe(compiled));
        Checks.sameAsInterpreter(compiled, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void neverMoreAllocationsThanGraal(String name, int allocationsLeft, List<Decision> decisions, List<Object[]> inputs) {
        Compiled ours = GraalHarness.compile(Basics.class, name, Slot.ESCAPE);
        Compiled graal = GraalHarness.compile(Basics.class, name, Slot.GRAAL);
        Compiled none = GraalHarness.compile(Basics.class, name, Slot.NONE);
        Checks.noMoreAllocationsThanGraal(ours, graal);
        assertEquals(none.record().before(), none.record().after(), "an empty slot changes nothing");
        assertTrue(none.allocations() >= ours.allocations());
    }
}
