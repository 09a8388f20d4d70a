package dev.baton.query.board;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of tasks (live rows, history versions and the reverse dependency index); owned by the board projection.
 * A task's open version is its live row ({@code rm_task}, valid from {@code position}); {@code rm_task_history}
 * holds its closed versions and the tombstone of its removal. A moment's board is the union of both.
 */
@Component
public class TaskReadModel {

    public static final String PROJECTION = "board";
    private static final RowMapper<TaskState> STATE = (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class);
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;
    private final TaskReplayMemory replayMemory;

    public TaskReadModel(JdbcTemplate jdbc, ProjectionGenerations generations, TaskReplayMemory replayMemory) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.replayMemory = replayMemory;
    }

    /** The writes of one batch of events into the given generation. */
    public BoardBatch batch(int gen) {
        return new BoardBatch(jdbc, gen, replayMemory.rows(gen));
    }

    // --- reads (serving generation) ---

    public Optional<TaskState> task(String taskId) {
        return jdbc.query("select data from rm_task where gen = ? and task_id = ?", STATE, serving(), taskId)
                .stream().findFirst();
    }

    /**
     * The live cards of a project, with their stored JSON; the task's state is read as well when {@code withState}
     * (to filter), or when the row has no stored card yet (written before the card column existed).
     */
    List<BoardCard> cards(String projectId, boolean withState) {
        String state = withState ? "data" : "case when card is null then data end";
        return jdbc.query("select task_id, column_id, card_rank, agent_profile_id, card, " + state + " from rm_task"
                + " where gen = ? and project_id = ?", (rs, i) -> {
                    String data = rs.getString(6);
                    TaskState task = data == null ? null : ReadModelJson.read(data, TaskState.class);
                    return new BoardCard(rs.getString(1), rs.getString(2), rs.getString(3),
                            task == null ? rs.getString(4) : task.agentProfileId(), rs.getString(5), task);
                }, serving(), projectId);
    }

    /** The position of the latest change of a project's board: the project, a task, or a task's removal. */
    public long lastPosition(String projectId) {
        return jdbc.queryForList("select board_position from rm_project where gen = ? and project_id = ?", Long.class,
                serving(), projectId).stream().findFirst().orElse(0L);
    }

    public List<TaskState> cardsAsOfPosition(String projectId, long position) {
        int gen = serving();
        return jdbc.query("select data from rm_task_history where gen = ? and project_id = ? and valid_from <= ?"
                + " and valid_to > ? union all select data from rm_task where gen = ? and project_id = ? and position <= ?",
                STATE, gen, projectId, position, position, gen, projectId, position);
    }

    public List<TaskState> cardsAsOfTime(String projectId, Instant at) {
        int gen = serving();
        Timestamp ts = Timestamp.from(at);
        return jdbc.query("select data from rm_task_history where gen = ? and project_id = ? and valid_from_ts <= ?"
                + " and valid_to_ts > ? union all select data from rm_task where gen = ? and project_id = ?"
                + " and position_ts <= ?", STATE, gen, projectId, ts, ts, gen, projectId, ts);
    }

    /** The latest position at or before a time that changed a project's board. */
    public long positionAt(String projectId, Instant at) {
        int gen = serving();
        Timestamp ts = Timestamp.from(at);
        return Math.max(Math.max(
                max("select max(valid_from) from rm_task_history where gen = ? and project_id = ? and valid_from_ts <= ?",
                        gen, projectId, ts),
                max("select max(position) from rm_task where gen = ? and project_id = ? and position_ts <= ?",
                        gen, projectId, ts)),
                max("select max(valid_from) from rm_project_history where gen = ? and project_id = ? and valid_from_ts <= ?",
                        gen, projectId, ts));
    }

    /** Board changes after a position, grouped by position: the live board stream. */
    public List<BoardChange> changesAfter(String projectId, long after, int limit) {
        int gen = serving();
        List<BoardChange> tasks = jdbc.query("select valid_from, subject_id, data from rm_task_history where gen = ?"
                        + " and project_id = ? and valid_from > ? union all select position, task_id, data from rm_task"
                        + " where gen = ? and project_id = ? and position > ? order by 1, 2 limit ?",
                (rs, i) -> BoardChange.task(rs.getLong(1), rs.getString(2), rs.getString(3)),
                gen, projectId, after, gen, projectId, after, limit);
        List<BoardChange> projects = jdbc.query("select valid_from, data from rm_project_history where gen = ?"
                        + " and project_id = ? and valid_from > ? order by valid_from limit ?",
                (rs, i) -> BoardChange.project(rs.getLong(1), rs.getString(2)), gen, projectId, after, limit);
        return BoardChange.merge(tasks, projects, limit);
    }

    private long max(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
