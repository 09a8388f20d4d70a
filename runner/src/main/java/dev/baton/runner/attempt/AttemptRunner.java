package dev.baton.runner.attempt;

import dev.baton.core.attempt.AttemptApprovedEvent;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptPullRequestOpenedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.task.TaskPausedEvent;
import dev.baton.core.task.TaskResumedEvent;
import dev.baton.core.task.TaskStoppedEvent;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.log.LogEntry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The runner's side of the event stream (processor {@value #PROCESSOR}, a pooled streaming processor whose
 * segments spread projects over runner nodes: every event of a project reaches the same node, in order, so a
 * project's attempts queue in the order they were started). A queued attempt is
 * recorded in this node's {@link RunQueue} and started by the {@link RunDispatcher} when a slot is free; a cancelled
 * or failed one is dropped from the queue or its agent stopped; an approved one is delivered. Every status change is also written into the
 * attempt's log as a {@code STATUS} message, so a log reader sees the whole story in one stream. A paused task's
 * agent (or gate) is suspended and its queued attempts wait; a stopped task's attempts under way are cancelled.
 */
@Component
@ProcessingGroup(AttemptRunner.PROCESSOR)
public class AttemptRunner {

    public static final String PROCESSOR = "attempt-runner";

    private final RunQueue queue;
    private final RunDispatcher dispatcher;
    private final AttemptLog log;
    private final RunnerSettings settings;
    private final AttemptCommands commands;

    public AttemptRunner(RunQueue queue, RunDispatcher dispatcher, AttemptLog log, RunnerSettings settings,
                         AttemptCommands commands) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.log = log;
        this.settings = settings;
        this.commands = commands;
    }

    @EventHandler
    void on(AttemptQueuedEvent event, TrackingToken token, MetaData metaData, @MessageIdentifier String eventId) {
        long position = token.position().orElse(Long.MAX_VALUE);
        queue.enqueue(new RunQueue.Queued(event.attemptId(), event.projectId(), event.taskId(), position,
                text(metaData, "user"), text(metaData, "correlation_id"), eventId, event.copyFiles()), settings.nodeId());
        log.append(event.attemptId(), LogEntry.status(null, AttemptStatus.QUEUED.id()));
        afterCommit(dispatcher::wake);
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }

    @EventHandler
    void on(AttemptRunStartedEvent event) {
        status(event.attemptId(), AttemptStatus.QUEUED, AttemptStatus.RUNNING);
    }

    @EventHandler
    void on(AttemptGatesStartedEvent event) {
        status(event.attemptId(), AttemptStatus.RUNNING, AttemptStatus.GATES_RUNNING);
    }

    @EventHandler
    void on(AttemptSubmittedForReviewEvent event) {
        status(event.attemptId(), AttemptStatus.GATES_RUNNING, AttemptStatus.REVIEW_READY);
    }

    @EventHandler
    void on(AttemptApprovedEvent event) {
        status(event.attemptId(), AttemptStatus.REVIEW_READY, AttemptStatus.MERGING);
        if (queue.find(event.attemptId()).isPresent()) {
            afterCommit(() -> dispatcher.deliver(event.attemptId(), event.mode()));
        }
    }

    @EventHandler
    void on(AttemptMergedEvent event) {
        status(event.attemptId(), AttemptStatus.MERGING, AttemptStatus.MERGED);
    }

    @EventHandler
    void on(AttemptMergeConflictFoundEvent event) {
        status(event.attemptId(), AttemptStatus.MERGING, AttemptStatus.REVIEW_READY);
    }

    @EventHandler
    void on(AttemptPullRequestOpenedEvent event) {
        status(event.attemptId(), AttemptStatus.MERGING, AttemptStatus.PR_CREATED);
    }

    @EventHandler
    void on(AttemptCancelledEvent event) {
        status(event.attemptId(), event.cancelledIn(), AttemptStatus.CANCELLED);
        end(event.attemptId(), "the attempt was cancelled");
    }

    @EventHandler
    void on(AttemptFailedEvent event) {
        status(event.attemptId(), event.failedIn(), AttemptStatus.FAILED);
        end(event.attemptId(), event.reason());
    }

    @EventHandler
    void on(TaskPausedEvent event) {
        queue.pauseTask(event.taskId());
        logToUnfinished(event.taskId(), "the task was paused: its agent is suspended until it is resumed");
        afterCommit(() -> {
            queue.durable(); // before the signal: a restarted server must find the agent as the task says
            dispatcher.pauseTask(event.taskId(), true);
        });
    }

    @EventHandler
    void on(TaskResumedEvent event) {
        queue.unpauseTask(event.taskId());
        logToUnfinished(event.taskId(), "the task was resumed: its agent continues");
        afterCommit(() -> {
            queue.durable();
            dispatcher.pauseTask(event.taskId(), false);
            dispatcher.wake();
        });
    }

    /** The cancels go out with this event's correlation data; their events then stop the agents as any cancel does. */
    @EventHandler
    void on(TaskStoppedEvent event) {
        boolean wasPaused = queue.isPaused(event.taskId());
        queue.unpauseTask(event.taskId());
        for (RunQueue.Run run : queue.unfinishedOfTask(event.taskId())) {
            commands.cancel(run.attemptId(), "the task was stopped");
        }
        if (wasPaused) {
            afterCommit(() -> dispatcher.pauseTask(event.taskId(), false));
        }
    }

    private void logToUnfinished(String taskId, String message) {
        queue.unfinishedOfTask(taskId).forEach(run -> log.append(run.attemptId(), LogEntry.log("info", message)));
    }

    private void end(String attemptId, String reason) {
        if (!queue.dropQueued(attemptId)) {
            dispatcher.stop(attemptId, reason);
        }
    }

    private void status(String attemptId, AttemptStatus from, AttemptStatus to) {
        log.append(attemptId, LogEntry.status(from.id(), to.id()));
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
