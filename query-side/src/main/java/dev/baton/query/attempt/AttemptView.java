package dev.baton.query.attempt;

import dev.baton.core.attempt.DiffStat;
import dev.baton.core.attempt.TokenUsage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An attempt as {@code GET /attempts/{id}} answers it. Usage is what the runner reported with the review; artifacts
 * and recent events are not stored here, the API adds them when it answers.
 */
public record AttemptView(String attemptId, String taskId, String projectId, String status, String agentProfileId,
                          String prompt, String branch, String baseBranch, String baseCommit, String headCommit,
                          String previousAttemptId, String feedback, Instant createdAt, Instant startedAt,
                          Instant finishedAt, String failureReason, String summary, List<Gate> gates, DiffStat diffStat,
                          Usage usage, Merge merge, List<Object> artifacts, List<Object> recentEvents, long version) {

    public record Gate(String gate, int exitCode, long durationMs, String outputRef) {
    }

    public record Usage(long inputTokens, long outputTokens, double costUsd) {
    }

    /** How the approved attempt reached its target: the merge commit, or the pull request; or why not yet. */
    public record Merge(String mode, String commit, String prUrl, Conflict conflict) {
    }

    public record Conflict(List<String> files, String message) {
    }

    /** {@code baseBranch} is the branch asked for (null: the project's default, filled in when the attempt runs). */
    public static AttemptView queued(String attemptId, String taskId, String projectId, String agentProfileId,
                                     String prompt, String branch, String baseBranch, String previousAttemptId,
                                     String feedback, Instant at) {
        return new AttemptView(attemptId, taskId, projectId, "queued", agentProfileId, prompt, branch, baseBranch, null,
                null,
                previousAttemptId, feedback, at, null, null, null, null, List.of(), null, new Usage(0, 0, 0), null,
                List.of(), List.of(), 0);
    }

    public AttemptView started(String baseBranch, String baseCommit, Instant at, long version) {
        return new AttemptView(attemptId, taskId, projectId, "running", agentProfileId, prompt, branch, baseBranch,
                baseCommit, headCommit, previousAttemptId, feedback, createdAt, at, finishedAt, failureReason, summary,
                gates, diffStat, usage, merge, artifacts, recentEvents, version);
    }

    public AttemptView withGate(Gate gate, long version) {
        List<Gate> all = new ArrayList<>(gates);
        all.add(gate);
        return new AttemptView(attemptId, taskId, projectId, status, agentProfileId, prompt, branch, baseBranch,
                baseCommit, headCommit, previousAttemptId, feedback, createdAt, startedAt, finishedAt, failureReason,
                summary, List.copyOf(all), diffStat, usage, merge, artifacts, recentEvents, version);
    }

    public AttemptView forReview(String head, DiffStat stat, String text, TokenUsage used, long version) {
        Usage newUsage = used == null ? usage : new Usage(used.inputTokens(), used.outputTokens(), used.costUsd());
        return new AttemptView(attemptId, taskId, projectId, "review_ready", agentProfileId, prompt, branch, baseBranch,
                baseCommit, head, previousAttemptId, feedback, createdAt, startedAt, finishedAt, failureReason, text,
                gates, stat, newUsage, merge, artifacts, recentEvents, version);
    }

    public AttemptView withMerge(String newStatus, Merge newMerge, Instant finished, long version) {
        return new AttemptView(attemptId, taskId, projectId, newStatus, agentProfileId, prompt, branch, baseBranch,
                baseCommit, headCommit, previousAttemptId, feedback, createdAt, startedAt, finished, failureReason,
                summary, gates, diffStat, usage, newMerge, artifacts, recentEvents, version);
    }

    /** Any other change of status; a terminal one also sets when the attempt finished and, for a failure, why. */
    public AttemptView withStatus(String newStatus, Instant finished, String reason, long version) {
        return new AttemptView(attemptId, taskId, projectId, newStatus, agentProfileId, prompt, branch, baseBranch,
                baseCommit, headCommit, previousAttemptId, feedback, createdAt, startedAt, finished, reason, summary,
                gates, diffStat, usage, merge, artifacts, recentEvents, version);
    }

    /**
     * With what the read model does not hold: the attempt's artifacts and its latest log messages, which the API
     * adds when it answers.
     */
    public AttemptView withArtifactsAndRecentEvents(List<Object> newArtifacts, List<Object> newRecentEvents) {
        return new AttemptView(attemptId, taskId, projectId, status, agentProfileId, prompt, branch, baseBranch,
                baseCommit, headCommit, previousAttemptId, feedback, createdAt, startedAt, finishedAt, failureReason,
                summary, gates, diffStat, usage, merge, newArtifacts, newRecentEvents, version);
    }
}
