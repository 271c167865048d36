package dev.escape.test.dumps;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jdk.graal.compiler.graphio.parsing.BinaryReader;
import jdk.graal.compiler.graphio.parsing.ModelBuilder;
import jdk.graal.compiler.graphio.parsing.StreamSource;
import jdk.graal.compiler.graphio.parsing.model.FolderElement;
import jdk.graal.compiler.graphio.parsing.model.GraphDocument;
import jdk.graal.compiler.graphio.parsing.model.Group;
import jdk.graal.compiler.graphio.parsing.model.InputGraph;
import jdk.graal.compiler.graphio.parsing.model.InputNode;

/** Reads BGV files with the parser IGV's model is built from (it ships inside Graal's jar); TruffleJitTest uses it too. */
public final class Bgv {
    private Bgv() {
    }

    public static GraphDocument read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return new BinaryReader(new StreamSource(in), new ModelBuilder(new GraphDocument(), null)).parse();
        }
    }

    /** The groups at the top of the document. */
    public static List<Group> groups(GraphDocument doc) {
        List<Group> groups = new ArrayList<>();
        for (FolderElement e : doc.getElements()) {
            if (e instanceof Group g) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** The graph printed with title {@code name} (IGV shows it as "id: name"). */
    public static InputGraph graph(Group group, String name) {
        return group.getGraphs().stream().filter(g -> g.getFormat().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError("no graph '" + name + "' in " + group.getGraphs().stream().map(InputGraph::getName).toList()));
    }

    public static String property(InputNode node, String name) {
        Object value = node.getProperties().get(name);
        return value == null ? null : value.toString();
    }

    /** Nodes that carry {@code name} = {@code value}. */
    public static List<InputNode> nodesWith(InputGraph graph, String name, String value) {
        return graph.getNodes().stream().filter(n -> value.equals(property(n, name))).toList();
    }

    public static List<Path> files(Path dir, String glob) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> dir.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).sorted().toList();
        }
    }
}
