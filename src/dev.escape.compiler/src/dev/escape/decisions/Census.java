package dev.escape.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.graal.compiler.graph.Node;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.extended.BoxNode;
import jdk.graal.compiler.nodes.java.DynamicNewArrayNode;
import jdk.graal.compiler.nodes.java.DynamicNewInstanceNode;
import jdk.graal.compiler.nodes.java.NewArrayNode;
import jdk.graal.compiler.nodes.java.NewInstanceNode;
import jdk.graal.compiler.nodes.java.NewMultiArrayNode;
import jdk.graal.compiler.nodes.virtual.CommitAllocationNode;
import jdk.graal.compiler.nodes.virtual.VirtualArrayNode;
import jdk.graal.compiler.nodes.virtual.VirtualBoxingNode;
import jdk.graal.compiler.nodes.virtual.VirtualObjectNode;

/**
 * The allocations in a graph, grouped by allocation site: the allocation nodes themselves and
 * the virtual objects that {@link CommitAllocationNode}s materialize. Taken before and after the
 * escape analysis phase, two censuses tell what the phase did.
 */
public final class Census {

    /** Allocation nodes by kind. {@code materialized} counts virtual objects in commits. */
    public record Counts(int newInstances, int newArrays, int boxes, int other, int materialized, int virtualObjects) {
        /** Every node that allocates at run time. */
        public int allocations() {
            return newInstances + newArrays + boxes + other + materialized;
        }

        @Override
        public String toString() {
            return "new instance " + newInstances + ", new array " + newArrays + ", box " + boxes + ", other " + other + ", materialized " + materialized +
                            " (virtual objects " + virtualObjects + ")";
        }
    }

    private final Map<String, AllocationSite> sites = new LinkedHashMap<>();
    private final Map<String, Integer> nodesBySite = new LinkedHashMap<>();
    private final Map<String, List<UseSite>> materializationsBySite = new LinkedHashMap<>();
    private Counts counts;

    private Census() {
    }

    public static Census of(StructuredGraph graph) {
        return take(graph, true);
    }

    /** A census that only counts: no sites (they need source positions and cost a walk of each one's frames). */
    public static Census countsOf(StructuredGraph graph) {
        return take(graph, false);
    }

    private static Census take(StructuredGraph graph, boolean withSites) {
        Census census = new Census();
        int instances = 0;
        int arrays = 0;
        int boxes = 0;
        int other = 0;
        int materialized = 0;
        int virtual = 0;
        for (Node node : graph.getNodes()) {
            AllocationKind kind = kindOf(node);
            if (kind != null) {
                if (withSites) {
                    census.addNode(siteOf(node));
                }
                switch (kind) {
                    case NEW_INSTANCE -> instances++;
                    case NEW_ARRAY -> arrays++;
                    case BOX -> boxes++;
                    default -> other++;
                }
            } else if (node instanceof CommitAllocationNode commit) {
                UseSite at = withSites ? UseSite.after(commit) : null;
                for (VirtualObjectNode object : commit.getVirtualObjects()) {
                    if (withSites) {
                        census.addMaterialization(virtualSite(object), at);
                    }
                    materialized++;
                }
            } else if (node instanceof VirtualObjectNode) {
                virtual++;
            }
        }
        census.counts = new Counts(instances, arrays, boxes, other, materialized, virtual);
        return census;
    }

    /** Whether {@code node} is an allocation node: whether {@link #siteOf} has a site for it (without building it). */
    public static boolean allocates(Node node) {
        return kindOf(node) != null;
    }

    /** How {@code node} allocates, or null if it does not. */
    private static AllocationKind kindOf(Node node) {
        return switch (node) {
            case NewInstanceNode n -> AllocationKind.NEW_INSTANCE;
            case NewArrayNode n -> AllocationKind.NEW_ARRAY;
            case NewMultiArrayNode n -> AllocationKind.NEW_MULTI_ARRAY;
            case DynamicNewInstanceNode n -> AllocationKind.DYNAMIC_NEW;
            case DynamicNewArrayNode n -> AllocationKind.DYNAMIC_NEW;
            case BoxNode n -> AllocationKind.BOX;
            default -> null;
        };
    }

    /** The site of an allocation node, or null if {@code node} does not allocate. */
    public static AllocationSite siteOf(Node node) {
        String type = switch (node) {
            case NewInstanceNode n -> n.instanceClass().toJavaName();
            case NewArrayNode n -> n.elementType().toJavaName() + "[]";
            case NewMultiArrayNode n -> n.type().toJavaName();
            case DynamicNewInstanceNode n -> "(class known at run time)";
            case DynamicNewArrayNode n -> "(array type known at run time)";
            case BoxNode n -> n.getBoxingKind().toBoxedJavaClass().getName();
            default -> null;
        };
        return type == null ? null : AllocationSite.of(type, kindOf(node), node.getNodeSourcePosition());
    }

    /** Virtual objects carry the source position of the allocation they stand for. */
    public static AllocationSite virtualSite(VirtualObjectNode object) {
        AllocationKind kind = switch (object) {
            case VirtualBoxingNode b -> AllocationKind.BOX;
            case VirtualArrayNode a -> AllocationKind.NEW_ARRAY;
            default -> AllocationKind.NEW_INSTANCE;
        };
        String type = object instanceof VirtualBoxingNode box ? box.getBoxingKind().toBoxedJavaClass().getName() : object.type().toJavaName();
        return AllocationSite.of(type, kind, object.getNodeSourcePosition());
    }

    private void addNode(AllocationSite site) {
        sites.putIfAbsent(site.key(), site);
        nodesBySite.put(site.key(), nodesBySite.getOrDefault(site.key(), 0) + 1);
    }

    private void addMaterialization(AllocationSite site, UseSite at) {
        sites.putIfAbsent(site.key(), site);
        List<UseSite> ofSite = materializationsBySite.get(site.key());
        if (ofSite == null) {
            ofSite = new ArrayList<>();
            materializationsBySite.put(site.key(), ofSite);
        }
        ofSite.add(at);
    }

    public Counts counts() {
        return counts;
    }

    /** All sites, in graph order. */
    public List<AllocationSite> sites() {
        return List.copyOf(sites.values());
    }

    /** Allocation nodes of {@code site} (not counting materializations). */
    public int nodes(AllocationSite site) {
        return nodesBySite.getOrDefault(site.key(), 0);
    }

    /** Where commits materialize objects of {@code site}, and for which use. */
    public List<UseSite> materializations(AllocationSite site) {
        return materializationsBySite.getOrDefault(site.key(), List.of());
    }
}
