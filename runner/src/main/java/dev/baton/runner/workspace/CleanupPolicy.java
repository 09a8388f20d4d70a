package dev.baton.runner.workspace;

import dev.baton.core.attempt.AttemptStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * Which workspaces of finished attempts to remove: a merged attempt's at once when {@code removeAfterMerge}, and any
 * finished attempt's once it finished longer than {@code removeFinishedAfter} ago (null: never for age alone).
 * An attempt that is not finished (including one waiting for review) keeps its workspace. Branches always stay.
 */
public record CleanupPolicy(boolean removeAfterMerge, Duration removeFinishedAfter) {

    public static CleanupPolicy afterMergeOrDays(int days) {
        return new CleanupPolicy(true, Duration.ofDays(days));
    }

    public boolean shouldRemove(AttemptWorkspace workspace, Instant now) {
        AttemptStatus status = workspace.status();
        if (!status.isTerminal()) {
            return false;
        }
        if (removeAfterMerge && status == AttemptStatus.MERGED) {
            return true;
        }
        Instant finishedAt = workspace.finishedAt();
        return removeFinishedAfter != null && finishedAt != null && !finishedAt.plus(removeFinishedAfter).isAfter(now);
    }
}
