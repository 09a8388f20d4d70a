package dev.baton.projections.run;

import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.run.RunAttemptPromotedEvent;
import dev.baton.core.run.RunCancelledEvent;
import dev.baton.core.run.RunCompletedEvent;
import dev.baton.core.run.RunEvent;
import dev.baton.core.run.RunFailedEvent;
import dev.baton.core.run.RunMergeRequestedEvent;
import dev.baton.core.run.RunPausedEvent;
import dev.baton.core.run.RunResumedEvent;
import dev.baton.core.run.RunStartedEvent;
import dev.baton.core.run.RunTaskBlockedEvent;
import dev.baton.core.run.RunTaskDoneEvent;
import dev.baton.core.run.RunTaskFailedEvent;
import dev.baton.core.run.RunTaskPausedEvent;
import dev.baton.core.run.RunTaskReadyForReviewEvent;
import dev.baton.core.run.RunTaskRequeuedEvent;
import dev.baton.core.run.RunTaskResumedEvent;
import dev.baton.core.run.RunTaskStartedEvent;
import dev.baton.core.run.RunTaskStoppedEvent;
import dev.baton.projections.support.ImmediateWrites;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.run.RunNodeView;
import dev.baton.query.run.RunReadModel;
import dev.baton.query.run.RunView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds the runs read model (the run page, its diagram and its event stream) from the run's events and the events
 * of the attempts it started: each task's status, the tokens and cost so far, and one stream item per change.
 */
@Component
@ProcessingGroup(RunProjection.NAME)
public class RunProjection {

    public static final String NAME = RunReadModel.PROJECTION;
    public static final String[] TABLES = {"rm_run", "rm_run_node", "rm_run_attempt", "rm_run_event"};

    private static final Map<Class<?>, String> ATTEMPT_STATUSES = Map.of(AttemptQueuedEvent.class, "queued",
            AttemptRunStartedEvent.class, "running", AttemptGatesStartedEvent.class, "gates_running",
            AttemptMergedEvent.class, "merged", AttemptMergeConflictFoundEvent.class, "merge_conflict",
            AttemptFailedEvent.class, "failed", AttemptCancelledEvent.class, "cancelled");

    private final RunReadModel runs;
    private final ProjectionContext context;

    public RunProjection(RunReadModel runs, ProjectionContext context) {
        this.runs = runs;
        this.context = context;
    }

    @EventHandler
    void on(RunStartedEvent event, @Timestamp Instant at, TrackingToken token) {
        int gen = gen();
        long position = context.position(token);
        runs.insertRun(gen, RunView.started(event.runId(), event.projectId(), event.graphId(), event.options(), at),
                position);
        runs.insertNodes(gen, event.runId(), event.tasks().stream()
                .map(task -> RunNodeView.pending(task.taskId(), task.key(), task.title(), task.dependsOn())).toList());
        runs.appendItem(gen, event.runId(), position, runItem(event.runId(), "running", null));
    }

    @EventHandler
    void on(RunTaskStartedEvent event, @SequenceNumber long version, TrackingToken token) {
        runs.insertAttempt(gen(), event.attemptId(), event.runId(), event.taskId());
        node(event, event.taskId(), version, token, node -> node.started(event.attemptId(), event.attemptNumber()));
    }

    @EventHandler
    void on(RunTaskReadyForReviewEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withState("review", event.attemptId(), null));
    }

    @EventHandler
    void on(RunAttemptPromotedEvent event, @SequenceNumber long version, TrackingToken token) {
        runs.insertAttempt(gen(), event.attemptId(), event.runId(), event.taskId());
        node(event, event.taskId(), version, token, node -> node.withState("review", event.attemptId(), null));
    }

    @EventHandler
    void on(RunMergeRequestedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, RunNodeView::mergeRequested);
    }

    @EventHandler
    void on(RunTaskDoneEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withState("done", event.attemptId(), null));
    }

    @EventHandler
    void on(RunTaskRequeuedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withState("pending", null, event.reason()));
    }

    @EventHandler
    void on(RunTaskFailedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withState("failed", event.attemptId(), event.reason()));
    }

    @EventHandler
    void on(RunTaskBlockedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.blockedBy(event.blockedBy()));
    }

    @EventHandler
    void on(RunTaskStoppedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withState("stopped", null, event.reason()));
    }

    @EventHandler
    void on(RunTaskPausedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withPaused(true));
    }

    @EventHandler
    void on(RunTaskResumedEvent event, @SequenceNumber long version, TrackingToken token) {
        node(event, event.taskId(), version, token, node -> node.withPaused(false));
    }

    @EventHandler
    void on(RunPausedEvent event, @SequenceNumber long version, TrackingToken token) {
        run(event, version, token, run -> run.withStatus("paused", null, null, version));
    }

    @EventHandler
    void on(RunResumedEvent event, @SequenceNumber long version, TrackingToken token) {
        run(event, version, token, run -> run.withStatus("running", null, null, version));
    }

    @EventHandler
    void on(RunCancelledEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        run(event, version, token, run -> run.withStatus("cancelled", null, at, version));
    }

    @EventHandler
    void on(RunCompletedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        run(event, version, token, run -> run.withStatus("completed", null, at, version));
    }

    @EventHandler
    void on(RunFailedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        run(event, version, token, run -> run.withStatus("failed", event.reason(), at, version));
    }

    @EventHandler
    void on(AttemptSubmittedForReviewEvent event, TrackingToken token) {
        int gen = gen();
        runs.runOfAttempt(gen, event.attemptId()).ifPresent(runId -> {
            if (event.usage() != null) {
                runs.run(gen, runId).ifPresent(run -> runs.updateRun(gen, run.plusUsage(event.usage().inputTokens(),
                        event.usage().outputTokens(), event.usage().costUsd())));
            }
            attemptItem(gen, runId, event, "review_ready", token);
        });
    }

    /** Any other status change of an attempt of a run is a stream item; the rest of an attempt's events are not. */
    @EventHandler
    void on(AttemptEvent event, TrackingToken token) {
        String status = ATTEMPT_STATUSES.get(event.getClass());
        if (status != null) {
            int gen = gen();
            runs.runOfAttempt(gen, event.attemptId()).ifPresent(runId -> attemptItem(gen, runId, event, status, token));
        }
    }

    private void node(RunEvent event, String taskId, long version, TrackingToken token,
                      UnaryOperator<RunNodeView> change) {
        int gen = gen();
        RunNodeView before = runs.node(gen, event.runId(), taskId)
                .orElseThrow(() -> new IllegalStateException("no task " + taskId + " in run " + event.runId()));
        RunNodeView after = change.apply(before);
        runs.updateNode(gen, event.runId(), after);
        touch(gen, event.runId(), version);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "node");
        item.put("task_id", after.taskId());
        item.put("key", after.key());
        item.put("status", after.status());
        item.put("attempt_id", after.attemptId());
        item.put("attempts", after.attempts());
        item.put("reason", after.reason());
        runs.appendItem(gen, event.runId(), context.position(token), item);
    }

    private void run(RunEvent event, long version, TrackingToken token, UnaryOperator<RunView> change) {
        int gen = gen();
        RunView after = change.apply(runs.run(gen, event.runId())
                .orElseThrow(() -> new IllegalStateException("no run " + event.runId())));
        runs.updateRun(gen, after);
        runs.appendItem(gen, event.runId(), context.position(token), runItem(after.runId(), after.status(),
                after.reason()));
    }

    /** The run's version follows its last event, so that a read after a command can wait for it. */
    private void touch(int gen, String runId, long version) {
        runs.run(gen, runId).ifPresent(run -> runs.updateRun(gen, run.withVersion(version)));
    }

    private void attemptItem(int gen, String runId, AttemptEvent event, String status, TrackingToken token) {
        runs.appendItem(gen, runId, context.position(token), Map.of("type", "attempt", "task_id", event.taskId(),
                "attempt_id", event.attemptId(), "status", status));
    }

    private static Map<String, Object> runItem(String runId, String status, String reason) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "run");
        item.put("run_id", runId);
        item.put("status", status);
        item.put("reason", reason);
        return item;
    }

    /** Runs change as their tasks do: each change is written at once, in the generation this batch writes. */
    private int gen() {
        return context.batch(NAME, ImmediateWrites::new).gen();
    }
}
