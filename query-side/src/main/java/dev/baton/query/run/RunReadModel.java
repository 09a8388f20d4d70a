package dev.baton.query.run;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage of the runs read model, owned by the runs projection: each run, its tasks (in graph order, with the status
 * the diagram shows), which run each of its attempts belongs to, and the run's stream items (keyed by the position of
 * the event they come from, which is their SSE id).
 */
@Component
public class RunReadModel {

    public static final String PROJECTION = "runs";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public RunReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** A stream item: the position of the event it comes from, and its JSON. */
    public record StreamItem(long position, String json) {
    }

    public void insertRun(int gen, RunView run, long position) {
        jdbc.update("insert into rm_run (gen, run_id, project_id, started_position, data) values (?, ?, ?, ?, ?)",
                gen, run.runId(), run.projectId(), position, ReadModelJson.write(run));
    }

    public void updateRun(int gen, RunView run) {
        jdbc.update("update rm_run set data = ? where run_id = ? and gen = ?", ReadModelJson.write(run), run.runId(), gen);
    }

    public Optional<RunView> run(int gen, String runId) {
        return jdbc.query("select data from rm_run where run_id = ? and gen = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), RunView.class), runId, gen).stream().findFirst();
    }

    public void insertNodes(int gen, String runId, List<RunNodeView> nodes) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            RunNodeView node = nodes.get(i);
            rows.add(new Object[]{gen, runId, node.taskId(), i, node.status(), ReadModelJson.write(node)});
        }
        jdbc.batchUpdate("insert into rm_run_node (gen, run_id, task_id, ord, status, data) values (?, ?, ?, ?, ?, ?)",
                rows);
    }

    public void updateNode(int gen, String runId, RunNodeView node) {
        jdbc.update("update rm_run_node set status = ?, data = ? where run_id = ? and task_id = ? and gen = ?",
                node.status(), ReadModelJson.write(node), runId, node.taskId(), gen);
    }

    public Optional<RunNodeView> node(int gen, String runId, String taskId) {
        return jdbc.query("select data from rm_run_node where run_id = ? and task_id = ? and gen = ?",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), RunNodeView.class), runId, taskId, gen)
                .stream().findFirst();
    }

    public void insertAttempt(int gen, String attemptId, String runId, String taskId) {
        jdbc.update("insert into rm_run_attempt (gen, attempt_id, run_id, task_id) values (?, ?, ?, ?)",
                gen, attemptId, runId, taskId);
    }

    /** The run an attempt was started (or promoted) by, if any. */
    public Optional<String> runOfAttempt(int gen, String attemptId) {
        return jdbc.queryForList("select run_id from rm_run_attempt where attempt_id = ? and gen = ?", String.class,
                attemptId, gen).stream().findFirst();
    }

    public void appendItem(int gen, String runId, long position, Object item) {
        jdbc.update("insert into rm_run_event (gen, run_id, position, data) values (?, ?, ?, ?)",
                gen, runId, position, ReadModelJson.write(item));
    }

    public Optional<RunView> run(String runId) {
        return run(serving(), runId);
    }

    /** The run's tasks in graph order. */
    public List<RunNodeView> nodes(String runId) {
        return jdbc.query("select data from rm_run_node where run_id = ? and gen = ? order by ord",
                (rs, i) -> ReadModelJson.read(rs.getString(1), RunNodeView.class), runId, serving());
    }

    /** The runs of a project, newest first. */
    public List<RunView> ofProject(String projectId, int limit) {
        return jdbc.query("select data from rm_run where project_id = ? and gen = ? order by started_position desc"
                        + " fetch first " + limit + " rows only",
                (rs, i) -> ReadModelJson.read(rs.getString(1), RunView.class), projectId, serving());
    }

    /** The run, still going ({@code running} or {@code paused}), that holds a task: the newest if several. */
    public Optional<RunView> activeRunOfTask(String taskId) {
        int gen = serving();
        return jdbc.queryForList("select n.run_id from rm_run_node n join rm_run r on r.run_id = n.run_id and r.gen = n.gen"
                                + " where n.task_id = ? and n.gen = ? order by r.started_position desc", String.class,
                        taskId, gen).stream()
                .map(runId -> run(gen, runId).orElse(null))
                .filter(run -> run != null && (run.status().equals("running") || run.status().equals("paused")))
                .findFirst();
    }

    /** The attempts of the run's tasks that are at work now. */
    public List<String> runningAttempts(String runId) {
        return jdbc.query("select data from rm_run_node where run_id = ? and gen = ? and status in ('running', 'paused')",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), RunNodeView.class), runId, serving()).stream()
                .filter(node -> node.state().equals("running")).map(RunNodeView::attemptId).toList();
    }

    public List<StreamItem> itemsAfter(String runId, long position, int limit) {
        return jdbc.query("select position, data from rm_run_event where run_id = ? and gen = ? and position > ?"
                        + " order by position fetch first " + limit + " rows only",
                (rs, i) -> new StreamItem(rs.getLong(1), rs.getString(2)), runId, serving(), position);
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
