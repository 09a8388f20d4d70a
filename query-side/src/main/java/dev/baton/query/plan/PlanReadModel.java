package dev.baton.query.plan;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Storage of the plans read model (plan versions and compiled graphs); owned by the plans projection. */
@Component
public class PlanReadModel {

    public static final String PROJECTION = "plans";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public PlanReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    public void insertVersion(int gen, PlanVersionView version) {
        jdbc.update("insert into rm_plan_version (gen, plan_id, plan_version, project_id, seq, data)"
                        + " values (?, ?, ?, ?, ?, ?)", gen, version.planId(), version.planVersion(), version.projectId(),
                version.version(), ReadModelJson.write(version));
    }

    public void updateVersion(int gen, PlanVersionView version) {
        jdbc.update("update rm_plan_version set data = ?, seq = ? where plan_id = ? and plan_version = ? and gen = ?",
                ReadModelJson.write(version), version.version(), version.planId(), version.planVersion(), gen);
    }

    public Optional<PlanVersionView> version(int gen, String planId, int planVersion) {
        return jdbc.query("select data from rm_plan_version where plan_id = ? and plan_version = ? and gen = ?",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), PlanVersionView.class), planId, planVersion, gen)
                .stream().findFirst();
    }

    public void insertGraph(int gen, GraphView graph) {
        jdbc.update("insert into rm_plan_graph (gen, graph_id, plan_id, data) values (?, ?, ?, ?)",
                gen, graph.graphId(), graph.planId(), ReadModelJson.write(graph));
    }

    public void updateGraph(int gen, GraphView graph) {
        jdbc.update("update rm_plan_graph set data = ? where graph_id = ? and gen = ?",
                ReadModelJson.write(graph), graph.graphId(), gen);
    }

    public Optional<GraphView> graph(int gen, String graphId) {
        return jdbc.query("select data from rm_plan_graph where graph_id = ? and gen = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), GraphView.class), graphId, gen).stream().findFirst();
    }

    /** A version of a plan ({@code planVersion} null: the latest), with the number of its latest version. */
    public Optional<PlanVersionView> version(String planId, Integer planVersion) {
        int gen = serving();
        Integer latest = jdbc.queryForObject("select max(plan_version) from rm_plan_version where plan_id = ? and gen = ?",
                Integer.class, planId, gen);
        if (latest == null) {
            return Optional.empty();
        }
        return version(gen, planId, planVersion == null ? latest : planVersion)
                .map(version -> version.withLatestVersion(latest));
    }

    /** The sequence number of the plan aggregate's last event the read model shows, if it shows the plan. */
    public Optional<Long> lastSequence(String planId) {
        return Optional.ofNullable(jdbc.queryForObject("select max(seq) from rm_plan_version where plan_id = ? and gen = ?",
                Long.class, planId, serving()));
    }

    /** The latest version of a project's plan, if it has one. */
    public Optional<PlanVersionView> latestOfProject(String projectId) {
        int gen = serving();
        return jdbc.query("select data from rm_plan_version where project_id = ? and gen = ? order by plan_version desc"
                                + " fetch first 1 rows only",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), PlanVersionView.class), projectId, gen)
                .stream().findFirst().map(version -> version.withLatestVersion(version.planVersion()));
    }

    public Optional<GraphView> graph(String graphId) {
        return graph(serving(), graphId);
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
