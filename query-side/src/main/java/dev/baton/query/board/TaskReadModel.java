package dev.baton.query.board;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.support.VersionedRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of tasks (live rows, history versions and the reverse dependency index); owned by the board projection. */
@Component
public class TaskReadModel {

    public static final String PROJECTION = "board";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;
    private final VersionedRows history;

    public TaskReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.history = new VersionedRows(jdbc, "rm_task_history");
    }

    // --- writes (writing generation) ---

    public Optional<TaskState> forUpdate(int gen, String taskId) {
        return jdbc.query("select data from rm_task where gen = ? and task_id = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), gen, taskId).stream().findFirst();
    }

    public List<TaskState> forUpdate(int gen, List<String> taskIds) {
        return taskIds.stream().map(id -> forUpdate(gen, id)).flatMap(Optional::stream).toList();
    }

    public void insert(int gen, TaskState task, long position, Instant at) {
        String data = ReadModelJson.write(task);
        jdbc.update("insert into rm_task (gen, task_id, project_id, column_id, card_rank, position, data)"
                + " values (?, ?, ?, ?, ?, ?, ?)", gen, task.taskId(), task.projectId(), task.column(), task.rank(),
                position, data);
        history.record(gen, task.taskId(), task.projectId(), position, at, data);
        replaceDependencies(gen, task);
    }

    public void update(int gen, TaskState task, long position, Instant at) {
        String data = ReadModelJson.write(task);
        jdbc.update("update rm_task set column_id = ?, card_rank = ?, position = ?, data = ? where gen = ? and task_id = ?",
                task.column(), task.rank(), position, data, gen, task.taskId());
        history.record(gen, task.taskId(), task.projectId(), position, at, data);
    }

    public void delete(int gen, TaskState task, long position, Instant at) {
        jdbc.update("delete from rm_task where gen = ? and task_id = ?", gen, task.taskId());
        jdbc.update("delete from rm_task_dependency where gen = ? and task_id = ?", gen, task.taskId());
        history.record(gen, task.taskId(), task.projectId(), position, at, null);
    }

    public void replaceDependencies(int gen, TaskState task) {
        jdbc.update("delete from rm_task_dependency where gen = ? and task_id = ?", gen, task.taskId());
        for (String dependency : task.dependsOn()) {
            jdbc.update("insert into rm_task_dependency (gen, task_id, depends_on) values (?, ?, ?)",
                    gen, task.taskId(), dependency);
        }
    }

    /** The tasks that depend on this one. */
    public List<String> dependants(int gen, String taskId) {
        return jdbc.queryForList("select task_id from rm_task_dependency where gen = ? and depends_on = ?",
                String.class, gen, taskId);
    }

    public List<TaskState> inProject(int gen, String projectId) {
        return jdbc.query("select data from rm_task where gen = ? and project_id = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), gen, projectId);
    }

    // --- reads (serving generation) ---

    public Optional<TaskState> task(String taskId) {
        return forUpdate(serving(), taskId);
    }

    /** The live cards of a project in rank order, and the position of the latest change among them. */
    public List<TaskState> cards(String projectId) {
        return jdbc.query("select data from rm_task where gen = ? and project_id = ? order by card_rank, task_id",
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), serving(), projectId);
    }

    public long lastPosition(String projectId) {
        Long position = jdbc.queryForObject("select max(position) from rm_task where gen = ? and project_id = ?",
                Long.class, serving(), projectId);
        Long removed = jdbc.queryForObject("select max(valid_from) from rm_task_history where gen = ? and project_id = ?"
                + " and data is null", Long.class, serving(), projectId);
        return Math.max(position == null ? 0 : position, removed == null ? 0 : removed);
    }

    public List<TaskState> cardsAsOfPosition(String projectId, long position) {
        return jdbc.query("select data from rm_task_history where project_id = ? and " + VersionedRows.validAtPosition(),
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), projectId, serving(), position, position);
    }

    public List<TaskState> cardsAsOfTime(String projectId, Instant at) {
        Timestamp ts = Timestamp.from(at);
        return jdbc.query("select data from rm_task_history where project_id = ? and " + VersionedRows.validAtTime(),
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), projectId, serving(), ts, ts);
    }

    /** The latest history position at or before a time, for a project's board. */
    public long positionAt(String projectId, Instant at) {
        Long position = jdbc.queryForObject("select max(valid_from) from rm_task_history where gen = ? and project_id = ?"
                + " and valid_from_ts <= ?", Long.class, serving(), projectId, Timestamp.from(at));
        Long projectPosition = jdbc.queryForObject("select max(valid_from) from rm_project_history where gen = ?"
                + " and project_id = ? and valid_from_ts <= ?", Long.class, serving(), projectId, Timestamp.from(at));
        return Math.max(position == null ? 0 : position, projectPosition == null ? 0 : projectPosition);
    }

    /** Board changes after a position, grouped by position: the live board stream. */
    public List<BoardChange> changesAfter(String projectId, long after, int limit) {
        int gen = serving();
        List<BoardChange> tasks = jdbc.query("select valid_from, subject_id, data from rm_task_history where gen = ?"
                        + " and project_id = ? and valid_from > ? order by valid_from, subject_id limit ?",
                (rs, i) -> BoardChange.task(rs.getLong(1), rs.getString(2), rs.getString(3)), gen, projectId, after, limit);
        List<BoardChange> projects = jdbc.query("select valid_from, data from rm_project_history where gen = ?"
                        + " and project_id = ? and valid_from > ? order by valid_from limit ?",
                (rs, i) -> BoardChange.project(rs.getLong(1), rs.getString(2)), gen, projectId, after, limit);
        return BoardChange.merge(tasks, projects, limit);
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
