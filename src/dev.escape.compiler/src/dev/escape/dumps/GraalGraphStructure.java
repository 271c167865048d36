package dev.escape.dumps;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import jdk.graal.compiler.graph.Edges;
import jdk.graal.compiler.graph.Graph;
import jdk.graal.compiler.graph.InputEdges;
import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.graph.NodeClass;
import jdk.graal.compiler.graphio.GraphStructure;
import jdk.graal.compiler.nodes.AbstractBeginNode;
import jdk.graal.compiler.nodes.AbstractEndNode;
import jdk.graal.compiler.nodes.AbstractMergeNode;
import jdk.graal.compiler.nodes.ControlSinkNode;
import jdk.graal.compiler.nodes.ControlSplitNode;
import jdk.graal.compiler.nodes.FixedNode;
import jdk.graal.compiler.nodes.FrameState;
import jdk.graal.compiler.nodes.PhiNode;
import jdk.graal.compiler.nodes.ProxyNode;

/**
 * Graal's graphs as the {@code graphio} protocol sees them, so {@code GraphOutput} can write them
 * with properties of ours. Graal's own printer cannot take extra properties from outside its
 * package; this structure asks, for each node, Graal's debug properties and then ours.
 * <p>
 * Ids: a copy of a graph can be shown with the ids of the original (so IGV's difference view
 * matches nodes). {@link #nodeId} has no graph parameter, so the ids of the graph being printed
 * are state of this object: one instance per output, used by one thread.
 */
final class GraalGraphStructure implements GraphStructure<Graph, Node, NodeClass<?>, Edges> {
    private Map<Node, Integer> ids = Map.of();
    private Function<Node, Map<String, Object>> extra = n -> Map.of();

    /** Before printing a graph: its ids where they differ from the nodes' own, and our properties. */
    void prepare(Map<Node, Integer> idOverrides, Function<Node, Map<String, Object>> properties) {
        this.ids = new IdentityHashMap<>(idOverrides);
        this.extra = properties;
    }

    @Override
    public Graph graph(Graph currentGraph, Object obj) {
        // Property values are never written as subgraphs.
        return null;
    }

    @Override
    public Iterable<? extends Node> nodes(Graph graph) {
        return graph.getNodes();
    }

    @Override
    public int nodesCount(Graph graph) {
        return graph.getNodes().count();
    }

    @Override
    public int nodeId(Node node) {
        if (node == null) {
            return -1;
        }
        Integer id = ids.get(node);
        return id != null ? id : node.getId();
    }

    @Override
    public boolean nodeHasPredecessor(Node node) {
        return node.predecessor() != null;
    }

    @Override
    public void nodeProperties(Graph graph, Node node, Map<String, ? super Object> properties) {
        Map<Object, Object> debug = new java.util.LinkedHashMap<>();
        try {
            node.getDebugProperties(debug);
        } catch (RuntimeException | Error e) {
            debug.put("debugPropertiesFailed", e.toString());
        }
        debug.forEach((k, v) -> properties.put(String.valueOf(k), plain(v)));
        properties.put("category", category(node));
        properties.putAll(extra.apply(node));
    }

    /** Values the protocol writes natively stay; anything else becomes its string (no pool of Graal types). */
    private static Object plain(Object value) {
        if (value == null || value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float || value instanceof Boolean ||
                        value instanceof String) {
            return value;
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.toString(array);
        }
        return String.valueOf(value);
    }

    /** The categories IGV's stock coloring filter knows. */
    private static String category(Node node) {
        return switch (node) {
            case ControlSinkNode n -> "controlSink";
            case ControlSplitNode n -> "controlSplit";
            case AbstractMergeNode n -> "merge";
            case AbstractBeginNode n -> "begin";
            case AbstractEndNode n -> "end";
            case FixedNode n -> "fixed";
            case FrameState n -> "state";
            case PhiNode n -> "phi";
            case ProxyNode n -> "proxy";
            default -> "floating";
        };
    }

    @Override
    public Node node(Object obj) {
        return obj instanceof Node n ? n : null;
    }

    @Override
    public NodeClass<?> nodeClass(Object obj) {
        return obj instanceof NodeClass<?> c ? c : null;
    }

    @Override
    public NodeClass<?> classForNode(Node node) {
        return node.getNodeClass();
    }

    @Override
    public String nameTemplate(NodeClass<?> nodeClass) {
        return nodeClass.getNameTemplate();
    }

    @Override
    public Object nodeClassType(NodeClass<?> nodeClass) {
        return nodeClass.getJavaClass();
    }

    @Override
    public Edges portInputs(NodeClass<?> nodeClass) {
        return nodeClass.getInputEdges();
    }

    @Override
    public Edges portOutputs(NodeClass<?> nodeClass) {
        return nodeClass.getSuccessorEdges();
    }

    @Override
    public int portSize(Edges port) {
        return port.getCount();
    }

    @Override
    public boolean edgeDirect(Edges port, int index) {
        return index < port.getDirectCount();
    }

    @Override
    public String edgeName(Edges port, int index) {
        return port.getName(index);
    }

    @Override
    public Object edgeType(Edges port, int index) {
        return port instanceof InputEdges inputs ? inputs.getInputType(index) : null;
    }

    @Override
    public Collection<? extends Node> edgeNodes(Graph graph, Node node, Edges port, int index) {
        if (edgeDirect(port, index)) {
            Node target = Edges.getNode(node, port.getOffsets(), index);
            // The protocol wants null, not an empty list, for an unset direct edge.
            return target == null ? null : Collections.singletonList(target);
        }
        return Edges.getNodeList(node, port.getOffsets(), index);
    }
}
