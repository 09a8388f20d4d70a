package dev.baton.query.attempt;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Storage of the attempts read model; owned by the attempts projection. */
@Component
public class AttemptReadModel {

    public static final String PROJECTION = "attempts";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public AttemptReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    public Optional<AttemptView> attempt(int gen, String attemptId) {
        return jdbc.query("select data from rm_attempt where attempt_id = ? and gen = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), AttemptView.class), attemptId, gen).stream().findFirst();
    }

    public void insert(int gen, AttemptView attempt, long position) {
        jdbc.update("insert into rm_attempt (gen, attempt_id, task_id, created_position, data) values (?, ?, ?, ?, ?)",
                gen, attempt.attemptId(), attempt.taskId(), position, ReadModelJson.write(attempt));
    }

    public void update(int gen, AttemptView attempt) {
        jdbc.update("update rm_attempt set data = ? where attempt_id = ? and gen = ?",
                ReadModelJson.write(attempt), attempt.attemptId(), gen);
    }

    public Optional<AttemptView> attempt(String attemptId) {
        return attempt(serving(), attemptId);
    }

    /** A task's attempts, newest first. */
    public List<AttemptView> ofTask(String taskId) {
        return jdbc.query("select data from rm_attempt where gen = ? and task_id = ? order by created_position desc",
                (rs, i) -> ReadModelJson.read(rs.getString(1), AttemptView.class), serving(), taskId);
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
