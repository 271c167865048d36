package dev.escape.test.dumps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;
import dev.escape.integration.EscapeOptions;
import dev.escape.test.corpus.Basics;
import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;
import jdk.graal.compiler.graphio.parsing.model.Group;
import jdk.graal.compiler.graphio.parsing.model.InputGraph;
import jdk.graal.compiler.graphio.parsing.model.InputNode;
import jdk.graal.compiler.options.OptionValues;

/** Library mode: the phase's BGV dumps, read back with Graal's own BGV parser. */
class EscapeDumpTest {
    static final String BEFORE = "Before escape analysis";
    static final String AFTER = "After escape analysis";
    private static final Set<String> ALLOCATION_RELATED = Set.of("NewInstanceNode", "NewArrayNode", "NewMultiArrayNode", "DynamicNewInstanceNode", "DynamicNewArrayNode",
                    "BoxNode", "CommitAllocationNode", "AllocatedObjectNode", "VirtualInstanceNode", "VirtualArrayNode", "VirtualBoxingNode");

    @Test
    void keptAllocationCarriesItsDecisionBeforeAndAfter(@TempDir Path dir) throws Exception {
        Dumped d = dump("storedToStatic", Decision.KEPT, dir);
        SiteDecision kept = d.site();
        Group group = d.group();
        assertEquals("escape: " + d.compiled().record().method(), group.getName());
        assertEquals(List.of("0: " + BEFORE, "1: " + AFTER), group.getGraphs().stream().map(InputGraph::getName).toList());

        InputNode allocation = only(Bgv.nodesWith(Bgv.graph(group, BEFORE), "escape.site", kept.site().key()));
        assertEquals("jdk.graal.compiler.nodes.java.NewInstanceNode", Bgv.property(allocation, "class"));
        assertEquals("kept", Bgv.property(allocation, "escape.decision"));
        assertEquals(String.join("\n", kept.explanation()), Bgv.property(allocation, "escape.reason"));
        assertTrue(Bgv.property(allocation, "escape.reason").contains("Basics.sink"), Bgv.property(allocation, "escape.reason"));

        List<String> after = Bgv.nodesWith(Bgv.graph(group, AFTER), "escape.site", kept.site().key()).stream().map(n -> simpleClass(n)).sorted().toList();
        assertTrue(after.contains("CommitAllocationNode"), after::toString);
        assertTrue(Bgv.nodesWith(Bgv.graph(group, AFTER), "escape.site", kept.site().key()).stream().allMatch(n -> "kept".equals(Bgv.property(n, "escape.decision"))));
        onlyAllocationNodesAreAnnotated(group);
    }

    @Test
    void eliminatedAllocationIsMarkedInTheBeforeGraph(@TempDir Path dir) throws Exception {
        Dumped d = dump("localPoint", Decision.ELIMINATED, dir);
        SiteDecision eliminated = d.site();
        Group group = d.group();
        InputNode allocation = only(Bgv.nodesWith(Bgv.graph(group, BEFORE), "escape.site", eliminated.site().key()));
        assertEquals("NewInstanceNode", simpleClass(allocation));
        assertEquals("eliminated", Bgv.property(allocation, "escape.decision"));
        assertEquals("every use was scalar-replaced", Bgv.property(allocation, "escape.reason"));
        List<String> left = Bgv.graph(group, AFTER).getNodes().stream().map(EscapeDumpTest::simpleClass)
                        .filter(s -> s.startsWith("New") || s.equals("CommitAllocationNode")).toList();
        assertEquals(List.of(), left, "a fully eliminated allocation leaves no allocating node");
        onlyAllocationNodesAreAnnotated(group);
    }

    @Test
    void nodesKeepTheirIdsAcrossTheTwoGraphs(@TempDir Path dir) throws Exception {
        compile("nestedBoxes", dir);
        Group group = onlyGroup(dir, "nestedBoxes");
        InputGraph before = Bgv.graph(group, BEFORE);
        InputGraph after = Bgv.graph(group, AFTER);
        int shared = 0;
        for (InputNode n : after.getNodes()) {
            InputNode same = before.getNode(n.getId());
            if (same != null) {
                assertEquals(Bgv.property(same, "class"), Bgv.property(n, "class"), "node " + n.getId());
                shared++;
            }
        }
        assertTrue(shared >= 3, "start, parameter and return are in both graphs: " + shared);
        List<InputNode> boxes = before.getNodes().stream().filter(n -> "NewInstanceNode".equals(simpleClass(n))).toList();
        assertEquals(2, boxes.size());
        assertEquals(2, boxes.stream().map(n -> Bgv.property(n, "escape.site")).distinct().count(), "each allocation names its own site");
    }

    private static void onlyAllocationNodesAreAnnotated(Group group) {
        for (InputGraph g : group.getGraphs()) {
            for (InputNode n : g.getNodes()) {
                if (n.getProperties().get("escape.decision") != null) {
                    assertTrue(ALLOCATION_RELATED.contains(simpleClass(n)), simpleClass(n) + " in " + g.getName());
                }
            }
        }
    }

    /** A compilation with its dump: the first site, whose decision must be {@code expected}, and the dump's group. */
    record Dumped(Compiled compiled, SiteDecision site, Group group) {
    }

    static Dumped dump(String method, Decision expected, Path dir) throws Exception {
        Compiled c = compile(method, dir);
        assertEquals(expected, c.sites().get(0).decision());
        return new Dumped(c, c.sites().get(0), onlyGroup(dir, method));
    }

    static Compiled compile(String method, Path dir) throws Exception {
        OptionValues options = new OptionValues(GraalHarness.options(), EscapeOptions.EscapeDumpPath, dir.toString());
        Method m = Arrays.stream(Basics.class.getDeclaredMethods()).filter(d -> d.getName().equals(method)).findFirst().orElseThrow();
        return GraalHarness.compile(m, Slot.ESCAPE, options);
    }

    static Group onlyGroup(Path dir, String method) throws Exception {
        List<Path> files = Bgv.files(dir, "escape-*" + method + ".bgv");
        assertEquals(1, files.size(), () -> "one file per compilation: " + files);
        List<Group> groups = Bgv.groups(Bgv.read(files.get(0)));
        assertEquals(1, groups.size());
        return groups.get(0);
    }

    static String simpleClass(InputNode n) {
        String cls = Bgv.property(n, "class");
        return cls == null ? "" : cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static InputNode only(List<InputNode> nodes) {
        assertEquals(1, nodes.size(), () -> nodes.toString());
        return nodes.get(0);
    }
}
