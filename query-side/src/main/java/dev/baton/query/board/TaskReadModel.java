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

    public TaskReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** The writes of one batch of events into the given generation. */
    public BoardBatch batch(int gen) {
        return new BoardBatch(jdbc, gen);
    }

    // --- reads (serving generation) ---

    public Optional<TaskState> task(String taskId) {
        return jdbc.query("select data from rm_task where gen = ? and task_id = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), serving(), taskId).stream().findFirst();
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
