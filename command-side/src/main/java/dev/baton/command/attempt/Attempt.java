package dev.baton.command.attempt;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.command.directory.BoardDirectory;
import dev.baton.command.directory.BoardDirectory.TaskEntry;
import dev.baton.core.attempt.ApprovalMode;
import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.attempt.AttemptApprovedEvent;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGateFinishedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptPullRequestOpenedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.attempt.FailAttemptCommand;
import dev.baton.core.attempt.MarkAttemptRunningCommand;
import dev.baton.core.attempt.RecordGateResultCommand;
import dev.baton.core.attempt.RecordMergeCommand;
import dev.baton.core.attempt.RecordMergeConflictCommand;
import dev.baton.core.attempt.RecordPullRequestCommand;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.core.attempt.StartAttemptGatesCommand;
import dev.baton.core.attempt.SubmitAttemptForReviewCommand;
import dev.baton.core.attempt.TokenUsage;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One run of an agent on a task, in its own branch {@code baton/<task>/<attempt>}, from queued to exactly one
 * terminal state (see {@link AttemptStatus}). The runner and the attempt saga report what happened; a person
 * cancels, approves or (later) asks for changes. Every handler refuses a step the current status does not allow
 * with {@code INVALID_STATE}, so a late or repeated report can never move a finished attempt.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate
public class Attempt {

    private static final Set<String> GATES = Set.of("install", "test", "lint");
    private static final int MAX_COPY_FILES = 50;

    @AggregateIdentifier
    private String attemptId;
    private String taskId;
    private String projectId;
    private String branch;
    private AttemptStatus status;
    private ApprovalMode approvalMode;
    private Set<String> gatesRecorded = new HashSet<>();

    @CommandHandler
    public Attempt(StartAttemptCommand command, BoardDirectory directory) {
        TaskEntry task = directory.task(command.taskId())
                .orElseThrow(() -> DomainException.notFound("task", command.taskId()));
        directory.project(task.projectId()).filter(project -> !project.archived())
                .orElseThrow(() -> DomainException.invalidState("project " + task.projectId()
                        + " is archived: no new attempts"));
        if (task.paused()) {
            throw DomainException.invalidState("task " + task.taskId() + " is paused: resume it first");
        }
        String agent = command.agentProfileId() != null ? command.agentProfileId() : task.agentProfileId();
        if (agent == null) {
            throw DomainException.invalidField("agent_profile_id", "task " + task.taskId()
                    + " has no agent profile: assign one or give agent_profile_id");
        }
        if (!directory.agentProfileExists(agent)) {
            throw DomainException.invalidField("agent_profile_id", "agent profile " + agent + " does not exist");
        }
        String prompt = Checks.optional("prompt", command.prompt(), Checks.MAX_TEXT);
        String feedback = Checks.optional("feedback", command.feedback(), Checks.MAX_TEXT);
        apply(new AttemptQueuedEvent(command.attemptId(), task.taskId(), task.projectId(), agent,
                prompt, "baton/" + task.taskId() + "/" + command.attemptId(), command.previousAttemptId(), feedback,
                checkedCopyFiles(command.copyFiles()), Checks.optionalBranch("target_branch", command.targetBranch())));
    }

    protected Attempt() {
        // for Axon
    }

    /** Idempotent: a runner that carries on after a restart may report the agent running again. */
    @CommandHandler
    public Long handle(MarkAttemptRunningCommand command) {
        if (status == AttemptStatus.RUNNING) {
            return AggregateLifecycle.getVersion();
        }
        require(AttemptStatus.QUEUED, "start running");
        String baseCommit = Checks.required("base_commit", command.baseCommit(), Checks.MAX_NAME);
        String baseBranch = Checks.required("base_branch", command.baseBranch(), Checks.MAX_NAME);
        apply(new AttemptRunStartedEvent(attemptId, taskId, projectId, branch, baseBranch, baseCommit));
        return AggregateLifecycle.getVersion();
    }

    /** Idempotent: a runner that carries on after a restart may report the same step again. */
    @CommandHandler
    public Long handle(StartAttemptGatesCommand command) {
        if (status == AttemptStatus.GATES_RUNNING) {
            return AggregateLifecycle.getVersion();
        }
        require(AttemptStatus.RUNNING, "run its gates");
        apply(new AttemptGatesStartedEvent(attemptId, taskId, projectId, command.agentExitCode()));
        return AggregateLifecycle.getVersion();
    }

    /** Idempotent per gate: a gate's second result (a runner carrying on after a restart) is ignored. */
    @CommandHandler
    public Long handle(RecordGateResultCommand command) {
        require(AttemptStatus.GATES_RUNNING, "record a gate");
        if (!GATES.contains(command.gate())) {
            throw DomainException.invalidField("gate", "gate must be one of install, test, lint");
        }
        if (gatesRecorded.contains(command.gate())) {
            return AggregateLifecycle.getVersion();
        }
        if (command.durationMs() < 0) {
            throw DomainException.invalidField("duration_ms", "duration_ms must not be negative");
        }
        apply(new AttemptGateFinishedEvent(attemptId, taskId, projectId, command.gate(), command.exitCode(),
                command.durationMs(), command.outputRef()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(SubmitAttemptForReviewCommand command) {
        require(AttemptStatus.GATES_RUNNING, "be submitted for review");
        String headCommit = Checks.required("head_commit", command.headCommit(), Checks.MAX_NAME);
        if (command.diffStat() == null) {
            throw DomainException.invalidField("diff_stat", "diff_stat is required");
        }
        apply(new AttemptSubmittedForReviewEvent(attemptId, taskId, projectId, headCommit, command.diffStat(),
                Checks.optional("summary", command.summary(), Checks.MAX_TEXT),
                command.usage() == null ? TokenUsage.NONE : command.usage()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(ApproveAttemptCommand command) {
        ApprovalMode mode = ApprovalMode.fromId(command.mode())
                .orElseThrow(() -> DomainException.invalidField("mode", "mode must be merge or pr"));
        require(AttemptStatus.REVIEW_READY, "be approved");
        apply(new AttemptApprovedEvent(attemptId, taskId, projectId, mode));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordMergeCommand command) {
        requireMerging(ApprovalMode.MERGE, "record a merge");
        apply(new AttemptMergedEvent(attemptId, taskId, projectId,
                Checks.required("target_branch", command.targetBranch(), Checks.MAX_NAME),
                Checks.required("commit", command.commit(), Checks.MAX_NAME)));
        return AggregateLifecycle.getVersion();
    }

    /** The approved changes could not be delivered (merge or pull request): back to review, with what to do. */
    @CommandHandler
    public Long handle(RecordMergeConflictCommand command) {
        if (status != AttemptStatus.MERGING) {
            throw refused("record a failed delivery (it must be merging)");
        }
        List<String> files = Checks.strings("files", command.files(), Checks.MAX_TEXT);
        apply(new AttemptMergeConflictFoundEvent(attemptId, taskId, projectId, files,
                Checks.required("message", command.message(), Checks.MAX_TEXT)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordPullRequestCommand command) {
        requireMerging(ApprovalMode.PR, "record a pull request");
        apply(new AttemptPullRequestOpenedEvent(attemptId, taskId, projectId,
                Checks.required("url", command.url(), Checks.MAX_TEXT)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(FailAttemptCommand command) {
        if (status.isTerminal()) {
            throw refused("fail");
        }
        apply(new AttemptFailedEvent(attemptId, taskId, projectId, status,
                Checks.required("reason", command.reason(), Checks.MAX_TEXT)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(CancelAttemptCommand command) {
        if (!status.isCancellable()) {
            throw refused("be cancelled (only queued, running or gates_running attempts can)");
        }
        apply(new AttemptCancelledEvent(attemptId, taskId, projectId, status,
                Checks.optional("reason", command.reason(), Checks.MAX_TEXT)));
        return AggregateLifecycle.getVersion();
    }

    /** Paths relative to the user's checkout, that stay inside it; whether each exists is checked when it is copied. */
    private static List<String> checkedCopyFiles(List<String> paths) {
        List<String> files = Checks.strings("copy_files", paths, Checks.MAX_SHORT);
        if (files.size() > MAX_COPY_FILES) {
            throw DomainException.invalidField("copy_files", "copy_files holds at most " + MAX_COPY_FILES + " paths");
        }
        for (String file : files) {
            String normalized = file.replace('\\', '/');
            if (normalized.isBlank() || normalized.startsWith("/") || normalized.startsWith("~")
                    || List.of(normalized.split("/")).contains("..")) {
                throw DomainException.invalidField("copy_files", "copy_files are paths relative to the project's"
                        + " checkout, without '..': " + file);
            }
        }
        return files;
    }

    private void require(AttemptStatus expected, String what) {
        if (status != expected) {
            throw refused(what + " (it must be " + expected.id() + ")");
        }
    }

    private void requireMerging(ApprovalMode mode, String what) {
        if (status != AttemptStatus.MERGING || approvalMode != mode) {
            throw refused(what + " (it must be merging, approved as " + mode.id() + ")");
        }
    }

    private DomainException refused(String what) {
        return DomainException.invalidState("attempt " + attemptId + " is " + status.id() + ": it cannot " + what);
    }

    @EventSourcingHandler
    void on(AttemptQueuedEvent event) {
        attemptId = event.attemptId();
        taskId = event.taskId();
        projectId = event.projectId();
        branch = event.branch();
        status = AttemptStatus.QUEUED;
    }

    @EventSourcingHandler
    void on(AttemptRunStartedEvent event) {
        status = AttemptStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(AttemptGatesStartedEvent event) {
        status = AttemptStatus.GATES_RUNNING;
    }

    @EventSourcingHandler
    void on(AttemptGateFinishedEvent event) {
        gatesRecorded.add(event.gate());
    }

    @EventSourcingHandler
    void on(AttemptSubmittedForReviewEvent event) {
        status = AttemptStatus.REVIEW_READY;
    }

    @EventSourcingHandler
    void on(AttemptApprovedEvent event) {
        status = AttemptStatus.MERGING;
        approvalMode = event.mode();
    }

    @EventSourcingHandler
    void on(AttemptMergedEvent event) {
        status = AttemptStatus.MERGED;
    }

    @EventSourcingHandler
    void on(AttemptMergeConflictFoundEvent event) {
        status = AttemptStatus.REVIEW_READY;
        approvalMode = null;
    }

    @EventSourcingHandler
    void on(AttemptPullRequestOpenedEvent event) {
        status = AttemptStatus.PR_CREATED;
    }

    @EventSourcingHandler
    void on(AttemptFailedEvent event) {
        status = AttemptStatus.FAILED;
    }

    @EventSourcingHandler
    void on(AttemptCancelledEvent event) {
        status = AttemptStatus.CANCELLED;
    }
}
