package dev.baton.query.moxxy;

import java.time.Instant;
import java.util.List;

/**
 * A moxxy job as {@code GET /moxxy-jobs/{id}} answers it: the moxxy job it follows (under {@code agent}), the board
 * tasks linked to it, moxxy's last state of it read by Baton ({@code null} before the first), what that state means
 * for the tasks, and moxxy's last summary or error.
 */
public record MoxxyJobView(String jobId, String projectId, String moxxyJobId, String agent, List<String> taskIds,
                           int workerCount, String state, String taskStatus, String detail, Instant startedAt,
                           Instant updatedAt, long version) {

    public MoxxyJobView changed(String newState, String newTaskStatus, String newDetail, Instant at, long newVersion) {
        return new MoxxyJobView(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, newState, newTaskStatus,
                newDetail, startedAt, at, newVersion);
    }
}
