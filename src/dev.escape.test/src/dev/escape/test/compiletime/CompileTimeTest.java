package dev.escape.test.compiletime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.escape.test.harness.CorpusMethods;

/** The compile-time harness times the analysis of each method under every slot and tabulates it. */
class CompileTimeTest {

    @Test
    void corpusIsFoundOnDisk() {
        List<String> names = CorpusMethods.all().stream().map(CorpusMethods::name).toList();
        assertTrue(names.containsAll(List.of("Basics.localPoint", "Basics.nestedBoxes")), names::toString);
        assertTrue(names.stream().noneMatch(n -> n.contains("lambda$")), names::toString);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, CompileTime.median(new long[] {9, 1, 3}));
        assertEquals(4, CompileTime.median(new long[] {9, 1, 3, 5}));
    }

    @Test
    void timesEachMethodUnderEverySlot() {
        List<Method> methods = CorpusMethods.all().stream().filter(m -> List.of("Basics.localPoint", "Basics.smallArray").contains(CorpusMethods.name(m))).toList();
        List<CompileTime.Row> rows = CompileTime.measure(methods, 3, 1, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(2, rows.size());
        for (CompileTime.Row r : rows) {
            assertNull(r.failure(), r.method());
            assertTrue(Arrays.stream(r.medianNanos()).allMatch(n -> n > 0), r::toString);
            // Every analysis builds at least its block states.
            assertTrue(Arrays.stream(r.medianBytes()).allMatch(n -> n > 0), r::toString);
        }
        String table = CompileTime.table(rows, 3, 1);
        // Per measure (time, bytes): method, one value per slot, one ratio per slot but the baseline.
        assertEquals(2, table.lines().filter(l -> l.startsWith("Basics.smallArray") && l.split("\\s+").length == 2 * CompileTime.SLOTS.size()).count(), table);
        assertEquals(2, table.lines().filter(l -> l.startsWith("geometric mean of ratios")).count(), table);
        assertTrue(table.contains("Bytes allocated per compilation"), table);
    }
}
