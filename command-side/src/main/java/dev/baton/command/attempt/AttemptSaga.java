package dev.baton.command.attempt;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptPullRequestOpenedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptRuntimeLimits;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.attempt.FailAttemptCommand;
import dev.baton.core.task.FollowAttemptCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Duration;

/**
 * The lifecycle of one attempt (issue 3, first part): from the moment its agent runs, a persistent deadline
 * enforces its runtime limit; once the agent and its gates are done the deadline is cancelled; the task's card
 * follows the attempt (In Progress, Review, Done); the saga ends with the attempt. When the limit is reached the attempt fails with a reason that names the limit (the runner, once
 * built, stops the agent on that event). Deadlines live in the database (db-scheduler), so they survive a restart.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Saga
public class AttemptSaga {

    static final String RUNTIME_LIMIT = "attempt-runtime-limit";
    private static final String ATTEMPT = "attemptId";

    private String attemptId;
    private String taskId;
    private String projectId;
    private String agentProfileId;
    private String runtimeDeadline;

    @StartSaga
    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptQueuedEvent event) {
        attemptId = event.attemptId();
        taskId = event.taskId();
        projectId = event.projectId();
        agentProfileId = event.agentProfileId();
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptRunStartedEvent event, DeadlineManager deadlines, AttemptRuntimeLimits limits,
            CommandGateway commands) {
        Duration limit = limits.limitFor(projectId, agentProfileId);
        runtimeDeadline = deadlines.schedule(limit, RUNTIME_LIMIT, new RuntimeLimitReached(attemptId, limit.toSeconds()));
        commands.send(new FollowAttemptCommand(taskId, attemptId, AttemptStatus.RUNNING));
    }

    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptSubmittedForReviewEvent event, DeadlineManager deadlines, CommandGateway commands) {
        cancelRuntimeDeadline(deadlines);
        commands.send(new FollowAttemptCommand(taskId, attemptId, AttemptStatus.REVIEW_READY));
    }

    @DeadlineHandler(deadlineName = RUNTIME_LIMIT)
    void on(RuntimeLimitReached limit, CommandGateway commands) {
        runtimeDeadline = null;
        // refused (INVALID_STATE) if the attempt ended meanwhile: then there is nothing left to stop
        commands.send(new FailAttemptCommand(limit.attemptId(), "the attempt exceeded its runtime limit of "
                + limit.limitSeconds() + " s"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptMergedEvent event, DeadlineManager deadlines, CommandGateway commands) {
        cancelRuntimeDeadline(deadlines);
        commands.send(new FollowAttemptCommand(taskId, attemptId, AttemptStatus.MERGED));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptPullRequestOpenedEvent event, DeadlineManager deadlines) {
        cancelRuntimeDeadline(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptFailedEvent event, DeadlineManager deadlines) {
        cancelRuntimeDeadline(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ATTEMPT)
    void on(AttemptCancelledEvent event, DeadlineManager deadlines) {
        cancelRuntimeDeadline(deadlines);
    }

    private void cancelRuntimeDeadline(DeadlineManager deadlines) {
        if (runtimeDeadline != null) {
            deadlines.cancelSchedule(RUNTIME_LIMIT, runtimeDeadline);
            runtimeDeadline = null;
        }
    }
}
