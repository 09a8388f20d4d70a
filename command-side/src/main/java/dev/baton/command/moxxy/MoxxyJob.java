package dev.baton.command.moxxy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.command.directory.BoardDirectory;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.moxxy.MarkMoxxyJobStalledCommand;
import dev.baton.core.moxxy.MoxxyJobEntry;
import dev.baton.core.moxxy.MoxxyJobProgressedEvent;
import dev.baton.core.moxxy.MoxxyJobReachedAgainEvent;
import dev.baton.core.moxxy.MoxxyJobStalledEvent;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.moxxy.MoxxyJobStateChangedEvent;
import dev.baton.core.moxxy.MoxxyJobStates;
import dev.baton.core.moxxy.MoxxyJobUnreachableEvent;
import dev.baton.core.moxxy.RecordMoxxyJobEventsCommand;
import dev.baton.core.moxxy.RecordMoxxyJobReachedCommand;
import dev.baton.core.moxxy.RecordMoxxyJobStateCommand;
import dev.baton.core.moxxy.RecordMoxxyJobUnreachableCommand;
import dev.baton.core.moxxy.StartMoxxyJobCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Comparator;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A moxxy orchestration job started from tasks of a board. Each change of its state, as the tracker reads it, is
 * one event, and an ended job stays ended: moxxy's late second {@code done} after a cancel, or a state read again
 * after a restart, changes nothing. Each entry of moxxy's events list is recorded once (the last id is the tracker's
 * cursor), and so are the start and the end of an outage, and a stall.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate
public class MoxxyJob {

    static final int MAX_TASKS = 50;

    @AggregateIdentifier
    private String jobId;
    private String projectId;
    private List<String> taskIds;
    private String state;
    private long lastEventId;
    private boolean unreachable;
    private boolean stalled;

    protected MoxxyJob() {
        // for Axon
    }

    @CommandHandler
    public MoxxyJob(StartMoxxyJobCommand command, BoardDirectory directory) {
        if (directory.project(command.projectId()).orElseThrow(
                () -> DomainException.notFound("project", command.projectId())).archived()) {
            throw DomainException.invalidState("project " + command.projectId() + " is archived: no new jobs");
        }
        List<String> tasks = Checks.distinctStrings("task_ids", command.taskIds(), 36);
        if (tasks.isEmpty() || tasks.size() > MAX_TASKS) {
            throw DomainException.invalidField("task_ids", "a job takes 1 to " + MAX_TASKS + " tasks");
        }
        for (String taskId : tasks) {
            if (!directory.task(taskId).map(task -> task.projectId().equals(command.projectId())).orElse(false)) {
                throw DomainException.invalidField("task_ids", "task " + taskId + " is not on this board");
            }
        }
        Checks.required("moxxy_job_id", command.moxxyJobId(), Checks.MAX_NAME);
        Checks.required("agent", command.agent(), Checks.MAX_NAME);
        apply(new MoxxyJobStartedEvent(command.jobId(), command.projectId(), command.moxxyJobId(), command.agent(),
                tasks, command.workerCount(), command.startedBy()));
    }

    @CommandHandler
    public Long handle(RecordMoxxyJobStateCommand command) {
        String taskStatus = MoxxyJobStates.taskStatus(command.state());
        if (!ended() && !command.state().equals(state)) {
            apply(new MoxxyJobStateChangedEvent(jobId, projectId, state, command.state(), taskStatus, taskIds,
                    clipped(command.detail())));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordMoxxyJobEventsCommand command) {
        long cursor = lastEventId;
        for (MoxxyJobEntry entry : command.entries().stream().sorted(Comparator.comparingLong(MoxxyJobEntry::id))
                .toList()) {
            if (entry.id() > cursor) {
                apply(new MoxxyJobProgressedEvent(jobId, projectId, entry.id(),
                        Checks.required("type", entry.type(), Checks.MAX_NAME), clipped(entry.payload()),
                        entry.createdAt()));
                cursor = entry.id();
            }
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordMoxxyJobUnreachableCommand command) {
        if (!unreachable && !ended()) {
            apply(new MoxxyJobUnreachableEvent(jobId, projectId, clipped(command.reason())));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordMoxxyJobReachedCommand command) {
        if (unreachable) {
            apply(new MoxxyJobReachedAgainEvent(jobId, projectId, taskIds));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Only while the outage lasts: the job answered again or ended meanwhile, it is not stalled. */
    @CommandHandler
    public Long handle(MarkMoxxyJobStalledCommand command) {
        if (unreachable && !stalled && !ended()) {
            apply(new MoxxyJobStalledEvent(jobId, projectId, clipped(command.reason()), taskIds));
        }
        return AggregateLifecycle.getVersion();
    }

    private boolean ended() {
        return state != null && MoxxyJobStates.isTerminal(state);
    }

    private static String clipped(String text) {
        return text == null || text.length() <= Checks.MAX_TEXT ? text : text.substring(0, Checks.MAX_TEXT - 1) + "…";
    }

    @EventSourcingHandler
    void on(MoxxyJobStartedEvent event) {
        jobId = event.jobId();
        projectId = event.projectId();
        taskIds = event.taskIds();
    }

    @EventSourcingHandler
    void on(MoxxyJobStateChangedEvent event) {
        state = event.to();
    }

    @EventSourcingHandler
    void on(MoxxyJobProgressedEvent event) {
        lastEventId = event.eventId();
    }

    @EventSourcingHandler
    void on(MoxxyJobUnreachableEvent event) {
        unreachable = true;
    }

    @EventSourcingHandler
    void on(MoxxyJobReachedAgainEvent event) {
        unreachable = false;
        stalled = false;
    }

    @EventSourcingHandler
    void on(MoxxyJobStalledEvent event) {
        stalled = true;
    }
}
