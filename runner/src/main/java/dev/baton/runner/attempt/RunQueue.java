package dev.baton.runner.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.store.DurableCommits;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The runner's record of the attempts it took ({@code runner_attempt}): queued in the order they were started,
 * then claimed when a slot is free, and where each one is, so that a restarted server carries on (see
 * {@link RunPhase}). Claims lock the project's {@code runner_project} row, so that all nodes together respect the
 * project's {@code max_parallel_attempts}.
 */
@Component
public class RunQueue {

    /** One attempt as the runner knows it. */
    public record Run(String attemptId, String projectId, String taskId, String nodeId, RunPhase phase,
                      String startedBy, String correlationId, String causeId, Long pid, long stdoutOffset,
                      long stderrOffset, String sessionId, Integer agentExitCode, int gatesDone, String baseCommit,
                      List<String> copyFiles, int steeringsReceived) {
    }

    /** What the runner learns when an attempt is queued: who started it and the request it came from. */
    public record Queued(String attemptId, String projectId, String taskId, long position, String startedBy,
                         String correlationId, String causeId, List<String> copyFiles) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "attempt_id, project_id, task_id, node_id, phase, started_by, correlation_id,"
            + " cause_id, pid, stdout_offset, stderr_offset, session_id, agent_exit_code, gates_done,"
            + " base_commit, copy_files, steerings_received";
    private static final RowMapper<Run> RUN = (rs, i) -> new Run(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), RunPhase.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getObject(9, Long.class), rs.getLong(10), rs.getLong(11), rs.getString(12),
            rs.getObject(13, Integer.class), rs.getInt(14), rs.getString(15), readList(rs.getString(16)), rs.getInt(17));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final DurableCommits durableCommits;

    public RunQueue(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactionManager);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.durableCommits = new DurableCommits(jdbc);
    }

    /** Queues an attempt on this node; nothing happens if it is already known (an event handled twice). */
    public void enqueue(Queued queued, String nodeId) {
        if (find(queued.attemptId()).isPresent()) {
            return;
        }
        jdbc.update("insert into runner_attempt (attempt_id, project_id, task_id, node_id, queue_position, phase,"
                        + " started_by, correlation_id, cause_id, copy_files, updated_ms)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                queued.attemptId(), queued.projectId(), queued.taskId(), nodeId, queued.position(), RunPhase.QUEUED.name(),
                queued.startedBy(), queued.correlationId(), queued.causeId(), writeList(queued.copyFiles()),
                System.currentTimeMillis());
    }

    public Optional<Run> find(String attemptId) {
        return jdbc.query("select " + COLUMNS + " from runner_attempt where attempt_id = ?", RUN, attemptId)
                .stream().findFirst();
    }

    /**
     * Claims up to {@code max} of this node's queued attempts, oldest first, skipping paused tasks and projects that
     * already run as many attempts as {@code projectLimit} allows (an attempt of a full project does not hold back the
     * others).
     */
    public List<Run> claim(String nodeId, int max, Function<String, Optional<Integer>> projectLimit) {
        List<Run> claimed = new ArrayList<>();
        if (max <= 0) {
            return claimed;
        }
        Set<String> fullProjects = new HashSet<>();
        List<Run> queued = jdbc.query("select " + COLUMNS + " from runner_attempt where node_id = ? and phase = ?"
                + " and task_id not in (select task_id from runner_paused_task)"
                + " order by queue_position fetch first 200 rows only", RUN, nodeId, RunPhase.QUEUED.name());
        for (Run run : queued) {
            if (claimed.size() >= max) {
                break;
            }
            if (fullProjects.contains(run.projectId())) {
                continue;
            }
            Optional<Integer> limit = projectLimit.apply(run.projectId());
            ensureProjectRow(run.projectId());
            Boolean taken = newTransaction.execute(status -> {
                jdbc.queryForList("select project_id from runner_project where project_id = ? for update", String.class,
                        run.projectId());
                if (limit.isPresent()) {
                    Integer active = jdbc.queryForObject("select count(*) from runner_attempt where project_id = ?"
                            + " and phase in ('STARTING', 'RUNNING', 'GATES')", Integer.class, run.projectId());
                    if (active != null && active >= limit.get()) {
                        return false;
                    }
                }
                return jdbc.update("update runner_attempt set phase = ?, updated_ms = ? where attempt_id = ? and phase = ?",
                        RunPhase.STARTING.name(), System.currentTimeMillis(), run.attemptId(), RunPhase.QUEUED.name()) == 1;
            });
            if (Boolean.TRUE.equals(taken)) {
                claimed.add(find(run.attemptId()).orElseThrow());
            } else {
                fullProjects.add(run.projectId());
            }
        }
        if (!claimed.isEmpty()) {
            durable(); // a claim lost in a crash would find the workspace its start made
        }
        return claimed;
    }

    /** Attempts this node took and had not finished: what a restarted server carries on. */
    public List<Run> unfinished(String nodeId) {
        return jdbc.query("select " + COLUMNS + " from runner_attempt where node_id = ? and phase in (?, ?, ?, ?, ?)"
                        + " order by queue_position", RUN, nodeId, RunPhase.STARTING.name(), RunPhase.RUNNING.name(),
                RunPhase.GATES.name(), RunPhase.MERGING.name(), RunPhase.PULL_REQUEST.name());
    }

    /** The workspace exists: a restart that finds the agent started carries on from this base. */
    public void workspaceCreated(String attemptId, String baseCommit) {
        update("base_commit = ?", attemptId, baseCommit);
        durable();
    }

    /** The task's attempts that are queued or under way, on any node. */
    public List<Run> unfinishedOfTask(String taskId) {
        return jdbc.query("select " + COLUMNS + " from runner_attempt where task_id = ? and phase in (?, ?, ?, ?)"
                        + " order by queue_position", RUN, taskId, RunPhase.QUEUED.name(), RunPhase.STARTING.name(),
                RunPhase.RUNNING.name(), RunPhase.GATES.name());
    }

    /** Records a pause of the task; nothing changes if it is recorded already (an event handled twice). */
    public void pauseTask(String taskId) {
        if (!isPaused(taskId)) {
            jdbc.update("insert into runner_paused_task (task_id) values (?)", taskId);
        }
    }

    /** The task was resumed or stopped. */
    public void unpauseTask(String taskId) {
        jdbc.update("delete from runner_paused_task where task_id = ?", taskId);
    }

    public boolean isPaused(String taskId) {
        return !jdbc.queryForList("select task_id from runner_paused_task where task_id = ?", String.class, taskId)
                .isEmpty();
    }

    /** The agent runs; its prompt held the task's first {@code steeringsReceived} steerings. */
    public void agentStarted(String attemptId, long pid, String baseCommit, int steeringsReceived) {
        update("pid = ?, base_commit = ?, phase = ?, steerings_received = ?", attemptId, pid, baseCommit,
                RunPhase.RUNNING.name(), steeringsReceived);
        durable();
    }

    /**
     * The agent is about to get the task's steerings up to {@code steeringsReceived} as one more turn. Recorded before
     * that turn starts: a server that crashes in between gives them to no turn rather than to two.
     */
    public void steeringsDelivered(String attemptId, int steeringsReceived) {
        update("steerings_received = ?", attemptId, steeringsReceived);
        durable();
    }

    /** The agent's next turn runs as {@code pid}. */
    public void agentTurnStarted(String attemptId, long pid) {
        update("pid = ?", attemptId, pid);
    }

    /** How far the agent's output has been logged; called in the transaction that stores the logged lines. */
    public void outputRead(String attemptId, long stdoutOffset, long stderrOffset, String sessionId) {
        update("stdout_offset = ?, stderr_offset = ?, session_id = coalesce(?, session_id)", attemptId, stdoutOffset,
                stderrOffset, sessionId);
    }

    /** The agent ended with {@code exitCode}: gates come next, their output read from the start of each file. */
    public void gatesStarted(String attemptId, int exitCode) {
        update("phase = ?, agent_exit_code = ?, gates_done = 0, stdout_offset = 0, stderr_offset = 0", attemptId,
                RunPhase.GATES.name(), exitCode);
        durable();
    }

    public void gateDone(String attemptId, int gatesDone) {
        update("gates_done = ?, stdout_offset = 0, stderr_offset = 0", attemptId, gatesDone);
        durable();
    }

    /** The attempt was approved: it is delivered in {@code phase} (merging, or opening a pull request). */
    public void delivering(String attemptId, RunPhase phase) {
        update("phase = ?", attemptId, phase.name());
    }

    public void finished(String attemptId) {
        update("phase = ?", attemptId, RunPhase.DONE.name());
    }

    /** Drops a queued attempt that was cancelled before it started; answers whether it was still queued. */
    public boolean dropQueued(String attemptId) {
        return jdbc.update("update runner_attempt set phase = ?, updated_ms = ? where attempt_id = ? and phase = ?",
                RunPhase.DONE.name(), System.currentTimeMillis(), attemptId, RunPhase.QUEUED.name()) == 1;
    }

    private void update(String assignments, String attemptId, Object... values) {
        Object[] arguments = new Object[values.length + 2];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = System.currentTimeMillis();
        arguments[values.length + 1] = attemptId;
        jdbc.update("update runner_attempt set " + assignments + ", updated_ms = ? where attempt_id = ?", arguments);
    }

    /**
     * Makes what is committed so far survive a crash at once ({@link DurableCommits}), after the runner's steps that
     * a restarted server acts on (attempts claimed, a workspace made, an agent started, the gates begun or one done, a
     * task paused or resumed, a merge recorded before its workspace is removed), so a server killed right after
     * re-attaches instead of giving up, and keeps a suspended agent suspended.
     */
    void durable() {
        durableCommits.now();
    }

    private static String writeList(List<String> values) {
        try {
            return values == null || values.isEmpty() ? null : JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readList(String json) {
        try {
            return json == null ? List.of() : List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("runner_attempt.copy_files is not a JSON list", e);
        }
    }

    /** The lock row of a project, made the first time in its own transaction (two nodes may race to make it). */
    private void ensureProjectRow(String projectId) {
        try {
            newTransaction.executeWithoutResult(status -> {
                if (jdbc.queryForList("select project_id from runner_project where project_id = ?", String.class,
                        projectId).isEmpty()) {
                    jdbc.update("insert into runner_project (project_id) values (?)", projectId);
                }
            });
        } catch (DuplicateKeyException e) {
            // another node made it meanwhile
        }
    }
}
