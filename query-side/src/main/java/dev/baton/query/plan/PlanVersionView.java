package dev.baton.query.plan;

import dev.baton.core.plan.PlanEdge;
import dev.baton.core.plan.PlanNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One version of a plan as the API answers it: the canvas, its {@code status} ({@code draft}, {@code confirmed} or
 * {@code archived}), the graphs compiled from it and the one confirmed. {@code version} is the plan aggregate's
 * sequence number after the version's last change; {@code latestVersion} is filled in when read.
 */
public record PlanVersionView(String planId, String projectId, int planVersion, Integer latestVersion, String status,
                              List<PlanNode> nodes, List<PlanEdge> edges, Map<String, Object> metadata,
                              List<GraphRef> graphs, String confirmedGraphId, Instant createdAt, Instant confirmedAt,
                              long version) {

    /** A graph compiled from the version. */
    public record GraphRef(String graphId, String mode, int tasks) {
    }

    public static PlanVersionView saved(String planId, String projectId, int planVersion, List<PlanNode> nodes,
                                        List<PlanEdge> edges, Map<String, Object> metadata, Instant at, long version) {
        return new PlanVersionView(planId, projectId, planVersion, null, "draft", nodes, edges, metadata, List.of(),
                null, at, null, version);
    }

    public PlanVersionView withGraph(GraphRef graph, long newVersion) {
        List<GraphRef> more = new ArrayList<>(graphs);
        more.add(graph);
        return new PlanVersionView(planId, projectId, planVersion, latestVersion, status, nodes, edges, metadata,
                List.copyOf(more), confirmedGraphId, createdAt, confirmedAt, newVersion);
    }

    public PlanVersionView confirmed(String graphId, Instant at, long newVersion) {
        return new PlanVersionView(planId, projectId, planVersion, latestVersion, "confirmed", nodes, edges, metadata,
                graphs, graphId, createdAt, at, newVersion);
    }

    public PlanVersionView archived(long newVersion) {
        return new PlanVersionView(planId, projectId, planVersion, latestVersion, "archived", nodes, edges, metadata,
                graphs, confirmedGraphId, createdAt, confirmedAt, newVersion);
    }

    public PlanVersionView withLatestVersion(int latest) {
        return new PlanVersionView(planId, projectId, planVersion, latest, status, nodes, edges, metadata, graphs,
                confirmedGraphId, createdAt, confirmedAt, version);
    }
}
