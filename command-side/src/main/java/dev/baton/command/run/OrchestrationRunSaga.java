package dev.baton.command.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGateFinishedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand.Outcome;
import dev.baton.core.run.RecordRunTaskControlCommand;
import dev.baton.core.run.RecordRunTaskControlCommand.Control;
import dev.baton.core.run.RunAttemptPromotedEvent;
import dev.baton.core.run.RunCancelledEvent;
import dev.baton.core.run.RunCompletedEvent;
import dev.baton.core.run.RunFailedEvent;
import dev.baton.core.run.RunMergeRequestedEvent;
import dev.baton.core.run.RunStartedEvent;
import dev.baton.core.run.RunTask;
import dev.baton.core.run.RunTaskStartedEvent;
import dev.baton.core.run.RunTaskStoppedEvent;
import dev.baton.core.task.TaskPausedEvent;
import dev.baton.core.task.TaskResumedEvent;
import dev.baton.core.task.TaskStoppedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a run's decisions and reports back (issue 4): it starts the attempts the run asks for, approves the
 * merge queue's attempts, cancels the attempts of stopped tasks, and tells the run what became of each attempt (from
 * its events) and of each task a person paused, resumed or stopped. Its commands run in the saga's unit of work, so
 * they are stored together with the saga's progress: after a crash an event is handled again as a whole or not at
 * all. Refusals are expected (an attempt that already exists or has ended) and leave the run to the attempt's events.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Saga
public class OrchestrationRunSaga {

    private static final Logger log = LoggerFactory.getLogger(OrchestrationRunSaga.class);
    private static final String RUN = "runId";
    private static final String ATTEMPT = "attemptId";
    private static final String TASK = "taskId";

    private String runId;
    /** The gates that failed, per attempt of the run (their outcome is reported with the review). */
    private Map<String, List<String>> failedGates = new HashMap<>();
    /** Attempts started as the run decided them, before their {@code RunTaskStartedEvent} arrives here. */
    private Set<String> startedEarly = new HashSet<>();

    @StartSaga
    @SagaEventHandler(associationProperty = RUN)
    void on(RunStartedEvent event) {
        runId = event.runId();
        for (RunTask task : event.tasks()) {
            SagaLifecycle.associateWith(TASK, task.taskId());
        }
    }

    /** The run started a task: its attempt starts, unless it was started as the run decided it (see report). */
    @SagaEventHandler(associationProperty = RUN)
    void on(RunTaskStartedEvent event, CommandGateway commands) {
        if (!startedEarly.remove(event.attemptId())) {
            startAttempt(commands, event);
        }
    }

    private void startAttempt(CommandGateway commands, RunTaskStartedEvent event) {
        SagaLifecycle.associateWith(ATTEMPT, event.attemptId());
        try {
            commands.sendAndWait(new StartAttemptCommand(event.attemptId(), event.taskId(), event.agentProfileId(),
                    event.prompt(), null, null, null, event.targetBranch()));
        } catch (AggregateStreamCreationException alreadyStarted) {
            log.debug("run {}: attempt {} exists already", runId, event.attemptId());
        } catch (RuntimeException refused) {
            // the task or agent profile went away meanwhile: the attempt never starts, which is its failure
            report(commands, event.taskId(), event.attemptId(), Outcome.FAILED,
                    "the attempt could not start: " + refused.getMessage(), List.of());
        }
    }

    @SagaEventHandler(associationProperty = RUN)
    void on(RunAttemptPromotedEvent event, CommandGateway commands) {
        SagaLifecycle.associateWith(ATTEMPT, event.attemptId());
        if (event.supersededAttemptId() != null) {
            cancel(commands, event.supersededAttemptId(), "another attempt of the task was promoted");
        }
    }

    @SagaEventHandler(associationProperty = RUN)
    void on(RunMergeRequestedEvent event, CommandGateway commands) {
        try {
            commands.sendAndWait(new ApproveAttemptCommand(event.attemptId(), "merge"));
        } catch (RuntimeException refused) {
            // approved already (handled again after a restart), or cancelled: the attempt's events tell the run
            log.info("run {}: merge of attempt {} not requested: {}", runId, event.attemptId(), refused.getMessage());
        }
    }

    @SagaEventHandler(associationProperty = RUN)
    void on(RunTaskStoppedEvent event, CommandGateway commands) {
        if (event.attemptId() != null) {
            cancel(commands, event.attemptId(), event.reason());
        }
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptGateFinishedEvent event) {
        if (event.exitCode() != 0) {
            failedGates.computeIfAbsent(event.attemptId(), id -> new ArrayList<>())
                    .add(event.gate() + " (exit " + event.exitCode() + ")");
        }
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptSubmittedForReviewEvent event, CommandGateway commands) {
        List<String> failed = failedGates.remove(event.attemptId());
        if (failed == null) {
            report(commands, event.taskId(), event.attemptId(), Outcome.REVIEW_READY, null, List.of());
        } else {
            report(commands, event.taskId(), event.attemptId(), Outcome.GATES_FAILED, String.join(", ", failed),
                    List.of());
        }
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptMergedEvent event, CommandGateway commands) {
        report(commands, event.taskId(), event.attemptId(), Outcome.MERGED, event.commit(), List.of());
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptMergeConflictFoundEvent event, CommandGateway commands) {
        report(commands, event.taskId(), event.attemptId(), Outcome.MERGE_CONFLICT, event.message(),
                event.files() == null ? List.of() : event.files());
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptFailedEvent event, CommandGateway commands) {
        failedGates.remove(event.attemptId());
        report(commands, event.taskId(), event.attemptId(), Outcome.FAILED, event.reason(), List.of());
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptCancelledEvent event, CommandGateway commands) {
        failedGates.remove(event.attemptId());
        report(commands, event.taskId(), event.attemptId(), Outcome.CANCELLED, event.reason(), List.of());
    }

    @SagaEventHandler(associationProperty = TASK)
    void on(TaskPausedEvent event, CommandGateway commands) {
        control(commands, event.taskId(), Control.PAUSED);
    }

    @SagaEventHandler(associationProperty = TASK)
    void on(TaskResumedEvent event, CommandGateway commands) {
        control(commands, event.taskId(), Control.RESUMED);
    }

    @SagaEventHandler(associationProperty = TASK)
    void on(TaskStoppedEvent event, CommandGateway commands) {
        control(commands, event.taskId(), Control.STOPPED);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = RUN)
    void on(RunCompletedEvent event) {
        log.info("run {} completed", runId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = RUN)
    void on(RunFailedEvent event) {
        log.info("run {} failed: {}", runId, event.reason());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = RUN)
    void on(RunCancelledEvent event) {
        log.info("run {} cancelled", runId);
    }

    /**
     * Tells the run, and starts at once the attempts it decided to start: one transaction instead of another trip
     * through the event store (a task waited about 25 ms more for it); their events then find them started.
     */
    private void report(CommandGateway commands, String taskId, String attemptId, Outcome outcome, String detail,
                        List<String> files) {
        startDecided(commands, commands.sendAndWait(new RecordRunAttemptOutcomeCommand(runId, taskId, attemptId,
                outcome, detail, files)));
    }

    private void control(CommandGateway commands, String taskId, Control control) {
        startDecided(commands, commands.sendAndWait(new RecordRunTaskControlCommand(runId, taskId, control)));
    }

    private void startDecided(CommandGateway commands, List<RunTaskStartedEvent> decided) {
        for (RunTaskStartedEvent start : decided) {
            startAttempt(commands, start);
            startedEarly.add(start.attemptId());
        }
    }

    private void cancel(CommandGateway commands, String attemptId, String reason) {
        try {
            commands.sendAndWait(new CancelAttemptCommand(attemptId, reason));
        } catch (RuntimeException refused) {
            log.debug("run {}: attempt {} not cancelled: {}", runId, attemptId, refused.getMessage());
        }
    }
}
