package dev.baton.command.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.command.directory.BoardDirectory;
import dev.baton.command.directory.BoardDirectory.TaskEntry;
import dev.baton.core.common.DomainException;
import dev.baton.core.run.CancelRunCommand;
import dev.baton.core.run.NodeStatus;
import dev.baton.core.run.PauseRunCommand;
import dev.baton.core.run.PromoteRunAttemptCommand;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand;
import dev.baton.core.run.RecordRunTaskControlCommand;
import dev.baton.core.run.ResumeRunCommand;
import dev.baton.core.run.RunAttemptPromotedEvent;
import dev.baton.core.run.RunCancelledEvent;
import dev.baton.core.run.RunCompletedEvent;
import dev.baton.core.run.RunFailedEvent;
import dev.baton.core.run.RunIds;
import dev.baton.core.run.RunMergeRequestedEvent;
import dev.baton.core.run.RunOptions;
import dev.baton.core.run.RunPausedEvent;
import dev.baton.core.run.RunResumedEvent;
import dev.baton.core.run.RunStartedEvent;
import dev.baton.core.run.RunTask;
import dev.baton.core.run.RunTaskBlockedEvent;
import dev.baton.core.run.RunTaskDoneEvent;
import dev.baton.core.run.RunTaskFailedEvent;
import dev.baton.core.run.RunTaskPausedEvent;
import dev.baton.core.run.RunTaskReadyForReviewEvent;
import dev.baton.core.run.RunTaskRequeuedEvent;
import dev.baton.core.run.RunTaskResumedEvent;
import dev.baton.core.run.RunTaskStartedEvent;
import dev.baton.core.run.RunTaskStoppedEvent;
import dev.baton.core.run.StartRunCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A run of a task graph: the scheduler. It starts an attempt for every task whose dependencies are all done (merged
 * into the target branch), never more than {@code max_agents} at once, in the graph's order; it merges ready
 * attempts one at a time (the merge queue) when the merge policy says so; and it applies the failure policy. The
 * run saga turns its decisions into attempt commands and reports what became of each attempt; every report is
 * answered here by the next decisions, so the schedule is the event history and a restart carries on from it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE) // snapshots serialize the fields
@Aggregate(snapshotTriggerDefinition = "runSnapshotTrigger", cache = "runCache")
public class OrchestrationRun {

    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    /** A task whose merges conflict this many times in a row fails. */
    static final int MAX_CONFLICTS = 3;

    @AggregateIdentifier
    private String runId;
    private String projectId;
    private RunOptions options;
    private String status;
    private Map<String, RunNode> nodes = new LinkedHashMap<>();
    private List<String> mergeQueue = new ArrayList<>();
    private String merging;

    protected OrchestrationRun() {
        // for Axon
    }

    @CommandHandler
    public OrchestrationRun(StartRunCommand command, BoardDirectory directory) {
        if (command.tasks() == null || command.tasks().isEmpty()) {
            throw DomainException.invalidState("graph " + command.graphId() + " has no tasks to run");
        }
        if (directory.project(command.projectId()).orElseThrow(
                () -> DomainException.notFound("project", command.projectId())).archived()) {
            throw DomainException.invalidState("project " + command.projectId() + " is archived: nothing runs in it");
        }
        RunOptions options = command.options();
        if (options.agentProfileId() != null && !directory.agentProfileExists(options.agentProfileId())) {
            throw DomainException.invalidField("agent_profile_id", "agent profile " + options.agentProfileId()
                    + " does not exist");
        }
        List<String> withoutAgent = new ArrayList<>();
        for (RunTask task : command.tasks()) {
            TaskEntry entry = directory.task(task.taskId()).filter(t -> t.projectId().equals(command.projectId()))
                    .orElseThrow(() -> DomainException.invalidState("task " + task.key() + " (" + task.taskId()
                            + ") of the graph is not on the board: confirm the plan first (its tasks are placed"
                            + " within seconds of the confirmation)"));
            if (options.agentProfileId() == null && entry.agentProfileId() == null) {
                withoutAgent.add(task.key());
            }
        }
        if (!withoutAgent.isEmpty()) {
            throw DomainException.invalidField("agent_profile_id", "tasks " + String.join(", ", withoutAgent)
                    + " have no agent profile: give agent_profile_id for the run");
        }
        // in a constructor the event is applied once it returns: the first decisions follow it
        apply(new RunStartedEvent(command.runId(), command.projectId(), command.graphId(), command.tasks(), options))
                .andThen(this::scheduleWork);
    }

    /** Answers the attempts it decided to start, so that the run saga can start them in the same transaction. */
    @CommandHandler
    public List<RunTaskStartedEvent> handle(RecordRunAttemptOutcomeCommand command) {
        RunNode node = nodes.get(command.taskId());
        if (isOver() || node == null || node.status().isFinal() || !command.attemptId().equals(node.attemptId())) {
            return List.of(); // a late or repeated report: nothing left to decide
        }
        switch (command.outcome()) {
            case REVIEW_READY -> {
                if (node.status() == NodeStatus.RUNNING) {
                    apply(new RunTaskReadyForReviewEvent(runId, projectId, node.taskId(), node.attemptId(),
                            options.autoMerge()));
                }
            }
            case GATES_FAILED -> {
                if (options.autoMerge()) {
                    fail(node, "gates failed: " + command.detail());
                } else if (node.status() == NodeStatus.RUNNING) {
                    apply(new RunTaskReadyForReviewEvent(runId, projectId, node.taskId(), node.attemptId(), false));
                }
            }
            case MERGED -> apply(new RunTaskDoneEvent(runId, projectId, node.taskId(), node.attemptId()));
            case MERGE_CONFLICT -> conflicted(node, command.detail(), command.files());
            case FAILED -> fail(node, command.detail());
            case CANCELLED -> stop(node, null, "its attempt was cancelled");
        }
        return scheduleWork();
    }

    /** Answers the attempts it decided to start, like a report of an outcome. */
    @CommandHandler
    public List<RunTaskStartedEvent> handle(RecordRunTaskControlCommand command) {
        RunNode node = nodes.get(command.taskId());
        if (isOver() || node == null || node.status().isFinal()) {
            return List.of();
        }
        switch (command.control()) {
            case PAUSED -> {
                if (!node.paused()) {
                    apply(new RunTaskPausedEvent(runId, projectId, node.taskId()));
                }
            }
            case RESUMED -> {
                if (node.paused()) {
                    apply(new RunTaskResumedEvent(runId, projectId, node.taskId()));
                }
            }
            // the task's own stop cancels its attempt: the run only takes note
            case STOPPED -> stop(node, null, "stopped by a person");
        }
        return scheduleWork();
    }

    /** The attempt is checked by the caller: one of this task's, ready for review. */
    @CommandHandler
    public Long handle(PromoteRunAttemptCommand command) {
        requireActive("promote an attempt");
        RunNode node = nodes.get(command.taskId());
        if (node == null) {
            throw DomainException.notFound("task of run " + runId, command.taskId());
        }
        if (node.status().isFinal()) {
            throw DomainException.invalidState("task " + node.key() + " is " + node.status().id()
                    + " in this run: there is nothing left to merge");
        }
        if (node.taskId().equals(merging)) {
            throw DomainException.invalidState("task " + node.key() + " is being merged: wait for the merge's outcome");
        }
        boolean queued = command.attemptId().equals(node.attemptId()) && mergeQueue.contains(node.taskId());
        if (!queued) {
            String superseded = node.status() == NodeStatus.RUNNING && !command.attemptId().equals(node.attemptId())
                    ? node.attemptId() : null;
            apply(new RunAttemptPromotedEvent(runId, projectId, node.taskId(), command.attemptId(), superseded));
            scheduleWork();
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(PauseRunCommand command) {
        if (!RUNNING.equals(status)) {
            throw DomainException.invalidState("run " + runId + " is " + status + ": only a running run can be paused");
        }
        apply(new RunPausedEvent(runId, projectId));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(ResumeRunCommand command) {
        if (!PAUSED.equals(status)) {
            throw DomainException.invalidState("run " + runId + " is " + status + ": only a paused run can be resumed");
        }
        apply(new RunResumedEvent(runId, projectId));
        scheduleWork();
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(CancelRunCommand command) {
        requireActive("be cancelled");
        stopAll("the run was cancelled");
        apply(new RunCancelledEvent(runId, projectId));
        return AggregateLifecycle.getVersion();
    }

    /**
     * What happens next: the merge queue's next merge, attempts for the tasks now ready, the end of the run. Answers
     * the attempts started.
     */
    private List<RunTaskStartedEvent> scheduleWork() {
        List<RunTaskStartedEvent> started = new ArrayList<>();
        if (!RUNNING.equals(status)) {
            return started;
        }
        if (merging == null && !mergeQueue.isEmpty()) {
            RunNode next = nodes.get(mergeQueue.get(0));
            apply(new RunMergeRequestedEvent(runId, projectId, next.taskId(), next.attemptId()));
        }
        long free = options.maxAgents() - nodes.values().stream().filter(RunNode::occupiesAgent).count();
        for (RunNode node : nodes.values()) {
            if (free <= 0) {
                break;
            }
            if (node.status() == NodeStatus.PENDING && !node.paused() && dependenciesDone(node)) {
                int number = node.attempts() + 1;
                RunTaskStartedEvent start = new RunTaskStartedEvent(runId, projectId, node.taskId(),
                        RunIds.attempt(runId, node.taskId(), number), number, options.agentProfileId(),
                        options.targetBranch(), node.nextPrompt());
                apply(start);
                started.add(start);
                free--;
            }
        }
        if (nodes.values().stream().allMatch(node -> node.status().isFinal())) {
            Map<NodeStatus, Long> counts = nodes.values().stream()
                    .collect(Collectors.groupingBy(RunNode::status, () -> new EnumMap<>(NodeStatus.class),
                            Collectors.counting()));
            if (counts.getOrDefault(NodeStatus.DONE, 0L) == nodes.size()) {
                apply(new RunCompletedEvent(runId, projectId));
            } else {
                apply(new RunFailedEvent(runId, projectId, counts.entrySet().stream()
                        .filter(count -> count.getKey() != NodeStatus.DONE)
                        .map(count -> count.getValue() + " " + count.getKey().id())
                        .collect(Collectors.joining(", ")) + " of " + nodes.size() + " tasks"));
            }
        }
        return started;
    }

    private boolean dependenciesDone(RunNode node) {
        return node.dependsOn().stream().allMatch(dependency -> nodes.get(dependency).status() == NodeStatus.DONE);
    }

    /** A failure: retried while the policy allows, else final, and then fail fast ends the run. */
    private void fail(RunNode node, String reason) {
        if (options.failurePolicy().equals(RunOptions.RETRY) && node.failures() < options.retryLimit()) {
            apply(new RunTaskRequeuedEvent(runId, projectId, node.taskId(), node.attemptId(), false, reason,
                    "A previous attempt at this task failed: " + reason
                            + "\nStart again from the current target branch and avoid that failure."));
            return;
        }
        apply(new RunTaskFailedEvent(runId, projectId, node.taskId(), node.attemptId(), reason));
        if (options.failurePolicy().equals(RunOptions.FAIL_FAST)) {
            stopAll("task " + node.key() + " failed (fail fast)");
            apply(new RunFailedEvent(runId, projectId, "task " + node.key() + " failed: " + reason));
        } else {
            blockDependants();
        }
    }

    /** A merge that conflicted: the task starts over on the new base, unless it conflicted too often. */
    private void conflicted(RunNode node, String message, List<String> files) {
        if (node.conflicts() + 1 >= MAX_CONFLICTS) {
            fail(node, "its merge conflicted " + MAX_CONFLICTS + " times, last in " + files + ": " + message);
            return;
        }
        apply(new RunTaskRequeuedEvent(runId, projectId, node.taskId(), node.attemptId(), true,
                "merge conflict in " + files, "An earlier attempt at this task could not be merged into the target"
                + " branch, which has moved on: " + message + (files == null || files.isEmpty() ? ""
                : " (conflicting files: " + String.join(", ", files) + ")")
                + "\nRedo the task on the current target branch."));
    }

    private void stop(RunNode node, String attemptToCancel, String reason) {
        apply(new RunTaskStoppedEvent(runId, projectId, node.taskId(), attemptToCancel, reason));
        blockDependants();
    }

    /** Every task not finished stops; those at work have their attempt cancelled. */
    private void stopAll(String reason) {
        for (RunNode node : List.copyOf(nodes.values())) {
            if (node.status() == NodeStatus.RUNNING || node.status() == NodeStatus.REVIEW) {
                apply(new RunTaskStoppedEvent(runId, projectId, node.taskId(),
                        node.status() == NodeStatus.RUNNING ? node.attemptId() : null, reason));
            }
        }
    }

    /** Pending tasks that depend, directly or not, on a failed, blocked or stopped one (the graph is in order). */
    private void blockDependants() {
        for (RunNode node : List.copyOf(nodes.values())) {
            if (node.status() != NodeStatus.PENDING) {
                continue;
            }
            node.dependsOn().stream().map(nodes::get).filter(RunNode::isDeadEnd).findFirst().ifPresent(cause ->
                    apply(new RunTaskBlockedEvent(runId, projectId, node.taskId(),
                            cause.blockedBy() != null ? cause.blockedBy() : cause.taskId())));
        }
    }

    private void requireActive(String what) {
        if (isOver()) {
            throw DomainException.invalidState("run " + runId + " is " + status + ": it cannot " + what);
        }
    }

    private boolean isOver() {
        return !RUNNING.equals(status) && !PAUSED.equals(status);
    }

    @EventSourcingHandler
    void on(RunStartedEvent event) {
        runId = event.runId();
        projectId = event.projectId();
        options = event.options();
        status = RUNNING;
        event.tasks().forEach(task -> nodes.put(task.taskId(), RunNode.pending(task.taskId(), task.key(),
                task.dependsOn())));
    }

    @EventSourcingHandler
    void on(RunTaskStartedEvent event) {
        change(event.taskId(), node -> node.started(event.attemptId()));
    }

    @EventSourcingHandler
    void on(RunTaskReadyForReviewEvent event) {
        change(event.taskId(), node -> node.inReview(event.attemptId()));
        if (event.queued()) {
            mergeQueue.add(event.taskId());
        }
    }

    @EventSourcingHandler
    void on(RunAttemptPromotedEvent event) {
        change(event.taskId(), node -> node.inReview(event.attemptId()));
        if (!mergeQueue.contains(event.taskId())) {
            mergeQueue.add(event.taskId());
        }
    }

    @EventSourcingHandler
    void on(RunMergeRequestedEvent event) {
        mergeQueue.remove(event.taskId());
        merging = event.taskId();
    }

    @EventSourcingHandler
    void on(RunTaskDoneEvent event) {
        change(event.taskId(), node -> node.withStatus(NodeStatus.DONE));
        leaveMergeQueue(event.taskId());
    }

    @EventSourcingHandler
    void on(RunTaskRequeuedEvent event) {
        change(event.taskId(), node -> node.requeued(event.afterConflict(), event.prompt()));
        leaveMergeQueue(event.taskId());
    }

    @EventSourcingHandler
    void on(RunTaskFailedEvent event) {
        change(event.taskId(), node -> node.withStatus(NodeStatus.FAILED));
        leaveMergeQueue(event.taskId());
    }

    @EventSourcingHandler
    void on(RunTaskBlockedEvent event) {
        change(event.taskId(), node -> node.blockedBy(event.blockedBy()));
    }

    @EventSourcingHandler
    void on(RunTaskStoppedEvent event) {
        change(event.taskId(), node -> node.withStatus(NodeStatus.STOPPED));
        leaveMergeQueue(event.taskId());
    }

    @EventSourcingHandler
    void on(RunTaskPausedEvent event) {
        change(event.taskId(), node -> node.withPaused(true));
    }

    @EventSourcingHandler
    void on(RunTaskResumedEvent event) {
        change(event.taskId(), node -> node.withPaused(false));
    }

    @EventSourcingHandler
    void on(RunPausedEvent event) {
        status = PAUSED;
    }

    @EventSourcingHandler
    void on(RunResumedEvent event) {
        status = RUNNING;
    }

    @EventSourcingHandler
    void on(RunCancelledEvent event) {
        status = "cancelled";
    }

    @EventSourcingHandler
    void on(RunCompletedEvent event) {
        status = "completed";
    }

    @EventSourcingHandler
    void on(RunFailedEvent event) {
        status = "failed";
    }

    private void change(String taskId, UnaryOperator<RunNode> change) {
        nodes.put(taskId, change.apply(nodes.get(taskId)));
    }

    private void leaveMergeQueue(String taskId) {
        mergeQueue.remove(taskId);
        if (taskId.equals(merging)) {
            merging = null;
        }
    }
}
