package dev.baton.runner.attempt;

import dev.baton.core.attempt.ApprovalMode;
import dev.baton.core.attempt.RecordMergeCommand;
import dev.baton.core.attempt.RecordMergeConflictCommand;
import dev.baton.core.attempt.RecordPullRequestCommand;
import dev.baton.runner.log.LogEntry;
import dev.baton.runner.merge.BranchMerger;
import dev.baton.runner.merge.MergeOutcome;
import dev.baton.runner.merge.MergeRequest;
import dev.baton.runner.merge.NewPullRequest;
import dev.baton.runner.merge.PullRequest;
import dev.baton.runner.merge.PullRequestOpener;
import dev.baton.runner.workspace.Redaction;

import java.util.List;

/**
 * Delivers an approved attempt: merges its branch into the project's target branch ({@link BranchMerger}: in
 * memory, compare-and-swap, a clean checkout of the target fast-forwarded) or opens a pull request
 * ({@link PullRequestOpener}), and reports the outcome. Anything that stops the delivery (a conflict, uncommitted
 * changes in the user's checkout, GitHub refusing) sends the attempt back to review with the files and what to do.
 * Both are safe to repeat, so a server that restarts mid-delivery just delivers again.
 */
final class AttemptDelivery implements Runnable {

    private static final System.Logger LOG = System.getLogger(AttemptDelivery.class.getName());

    private final RunnerParts parts;
    private final BranchMerger merger;
    private final PullRequestOpener pullRequests;
    private final RunQueue.Run run;
    private final ApprovalMode mode;

    AttemptDelivery(RunnerParts parts, BranchMerger merger, PullRequestOpener pullRequests, RunQueue.Run run,
                    ApprovalMode mode) {
        this.parts = parts;
        this.merger = merger;
        this.pullRequests = pullRequests;
        this.run = run;
        this.mode = mode;
    }

    @Override
    public void run() {
        try {
            AttemptSpec spec = parts.specs().load(run.attemptId());
            Object report = mode == ApprovalMode.MERGE ? merge(spec) : pullRequest(spec);
            if (parts.commands().send(run, report) && report instanceof RecordMergeCommand
                    && parts.settings().removeWorkspaceAfterMerge()) {
                // the merge must be on disk before the workspace goes: a server that lost it would run the gates again
                parts.queue().durable();
                parts.workspaces().remove(spec.repository(), run.attemptId());
            }
        } catch (RuntimeException e) {
            String reason = Redaction.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "cannot deliver attempt " + run.attemptId() + ": " + reason);
            parts.log().append(run.attemptId(), LogEntry.error(reason, null));
            sendBack(List.of(), (mode == ApprovalMode.MERGE ? "the merge failed: " : "the pull request failed: ")
                    + reason);
        } finally {
            parts.queue().finished(run.attemptId());
        }
    }

    private Object merge(AttemptSpec spec) {
        parts.log().append(run.attemptId(), LogEntry.progress("merge", 1, 1, "merging " + spec.branch() + " into "
                + spec.targetBranch()));
        MergeOutcome outcome = merger.merge(new MergeRequest(spec.repository(), spec.branch(), spec.targetBranch(),
                spec.botIdentity(), "Merge " + spec.branch() + ": " + spec.taskTitle()));
        if (outcome instanceof MergeOutcome.Merged merged) {
            return new RecordMergeCommand(run.attemptId(), spec.targetBranch(), merged.commit());
        }
        if (outcome instanceof MergeOutcome.AlreadyMerged merged) {
            return new RecordMergeCommand(run.attemptId(), spec.targetBranch(), merged.commit());
        }
        if (outcome instanceof MergeOutcome.Conflict conflict) {
            return new RecordMergeConflictCommand(run.attemptId(), conflict.files(), conflict.message());
        }
        MergeOutcome.Refused refused = (MergeOutcome.Refused) outcome;
        return new RecordMergeConflictCommand(run.attemptId(), refused.files(), refused.message());
    }

    private Object pullRequest(AttemptSpec spec) {
        parts.log().append(run.attemptId(), LogEntry.progress("pull_request", 1, 1, "pushing " + spec.branch()
                + " and opening a pull request into " + spec.targetBranch()));
        PullRequest opened = pullRequests.open(new NewPullRequest(spec.repository(), spec.branch(), spec.targetBranch(),
                spec.taskTitle(), "Made by a Baton agent (" + spec.profile().name() + "), attempt " + spec.attemptId()
                + " of task " + spec.taskId() + "."));
        return new RecordPullRequestCommand(run.attemptId(), opened.url());
    }

    private void sendBack(List<String> files, String message) {
        try {
            parts.commands().send(run, new RecordMergeConflictCommand(run.attemptId(), files, message));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot send attempt " + run.attemptId() + " back to review", e);
        }
    }
}
