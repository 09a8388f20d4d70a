package dev.baton.core.plan;

import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A plan's canvas: its nodes and edges. Built only through {@link #checked}, so keys are unique and edges valid. */
public record PlanCanvas(List<PlanNode> nodes, List<PlanEdge> edges) {

    public static final int MAX_NODES = 2_000;

    public static PlanCanvas checked(List<PlanNode> nodes, List<PlanEdge> edges) {
        List<PlanNode> checkedNodes = nodes == null ? List.of() : List.copyOf(nodes);
        List<PlanEdge> checkedEdges = edges == null ? List.of() : List.copyOf(edges);
        if (checkedNodes.isEmpty() || checkedNodes.size() > MAX_NODES) {
            throw DomainException.invalidField("nodes", "a plan has between 1 and " + MAX_NODES + " nodes");
        }
        Set<String> keys = new HashSet<>();
        for (PlanNode node : checkedNodes) {
            String key = Checks.required("nodes.key", node == null ? null : node.key(), 100);
            if (!keys.add(key)) {
                throw DomainException.invalidField("nodes", "node key " + key + " appears twice");
            }
            if (!PlanNode.LAYERS.contains(node.layer())) {
                throw DomainException.invalidField("nodes.layer", "node " + key + ": layer must be one of "
                        + String.join(", ", PlanNode.LAYERS));
            }
            Checks.required("nodes.title", node.title(), Checks.MAX_NAME);
            Checks.optional("nodes.notes", node.notes(), Checks.MAX_TEXT);
            Checks.strings("nodes.acceptance_criteria", node.acceptanceCriteria(), Checks.MAX_SHORT);
        }
        for (PlanNode node : checkedNodes) {
            if (node.parent() != null && !keys.contains(node.parent())) {
                throw DomainException.invalidField("nodes.parent", "node " + node.key() + ": parent " + node.parent()
                        + " is not a node of the plan");
            }
        }
        for (PlanEdge edge : checkedEdges) {
            if (edge == null || !keys.contains(edge.from()) || !keys.contains(edge.to())) {
                throw DomainException.invalidField("edges", "an edge joins keys that are not nodes of the plan: "
                        + (edge == null ? "null" : edge.from() + " -> " + edge.to()));
            }
            if (!PlanEdge.DEPENDS_ON.equals(edge.kind()) && !PlanEdge.CONTAINS.equals(edge.kind())) {
                throw DomainException.invalidField("edges", "edge kind must be depends_on or contains");
            }
            if (edge.from().equals(edge.to())) {
                throw DomainException.invalidField("edges", "node " + edge.from() + " cannot " + edge.kind() + " itself");
            }
        }
        return new PlanCanvas(checkedNodes, checkedEdges);
    }
}
