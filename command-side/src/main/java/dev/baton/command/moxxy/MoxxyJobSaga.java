package dev.baton.command.moxxy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.core.moxxy.MarkMoxxyJobStalledCommand;
import dev.baton.core.moxxy.MoxxyJobReachedAgainEvent;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.moxxy.MoxxyJobStateChangedEvent;
import dev.baton.core.moxxy.MoxxyJobStates;
import dev.baton.core.moxxy.MoxxyJobUnreachableEvent;
import dev.baton.core.moxxy.MoxxyTracking;
import dev.baton.core.task.FollowMoxxyJobCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Duration;
import java.util.List;

/**
 * The lifecycle of one moxxy job on the board, from its start to its end (the tracker in the runner reads moxxy and
 * records what it finds on the {@link MoxxyJob}): the linked tasks' cards follow each change of the job's state, and
 * an outage that lasts longer than {@link MoxxyTracking#stallAfter()} marks the job stalled, through a persistent
 * deadline that an answer from moxxy cancels. The saga ends with the job.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Saga
public class MoxxyJobSaga {

    static final String STALL = "moxxy-job-stall";
    private static final String JOB = "jobId";

    private String jobId;
    private List<String> taskIds;
    private String stallDeadline;

    /** The payload of the stall deadline: the outage it is about. */
    record Outage(String jobId, String reason, long afterSeconds) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = JOB)
    void on(MoxxyJobStartedEvent event) {
        jobId = event.jobId();
        taskIds = event.taskIds();
    }

    @SagaEventHandler(associationProperty = JOB)
    void on(MoxxyJobStateChangedEvent event, DeadlineManager deadlines, CommandGateway commands) {
        for (String taskId : taskIds) {
            commands.send(new FollowMoxxyJobCommand(taskId, jobId, event.taskStatus()));
        }
        if (MoxxyJobStates.isTerminal(event.to())) {
            cancelStallDeadline(deadlines);
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = JOB)
    void on(MoxxyJobUnreachableEvent event, DeadlineManager deadlines, MoxxyTracking tracking) {
        cancelStallDeadline(deadlines);
        Duration after = tracking.stallAfter();
        stallDeadline = deadlines.schedule(after, STALL, new Outage(jobId, event.reason(), after.toSeconds()));
    }

    @SagaEventHandler(associationProperty = JOB)
    void on(MoxxyJobReachedAgainEvent event, DeadlineManager deadlines) {
        cancelStallDeadline(deadlines);
    }

    @DeadlineHandler(deadlineName = STALL)
    void on(Outage outage, CommandGateway commands) {
        stallDeadline = null;
        commands.send(new MarkMoxxyJobStalledCommand(outage.jobId(), "moxxy has not answered for "
                + outage.afterSeconds() + " s: " + outage.reason() + "; Baton keeps trying"));
    }

    private void cancelStallDeadline(DeadlineManager deadlines) {
        if (stallDeadline != null) {
            deadlines.cancelSchedule(STALL, stallDeadline);
            stallDeadline = null;
        }
    }
}
