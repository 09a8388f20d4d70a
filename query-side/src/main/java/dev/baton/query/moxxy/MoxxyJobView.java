package dev.baton.query.moxxy;

import java.time.Instant;
import java.util.List;

/**
 * A moxxy job as {@code GET /moxxy-jobs/{id}} answers it: the moxxy job it follows (under {@code agent}), the board
 * tasks linked to it, moxxy's last state of it read by Baton ({@code null} before the first), what that state means
 * for the tasks, moxxy's last summary or error, the id of the last entry of moxxy's events list recorded (the
 * tracker's cursor), and {@code tracking}: {@code ok}, {@code retrying} (the last read failed: {@code problem} says
 * why) or {@code unreachable} (it has failed for longer than Baton waits; Baton still tries). {@code startedBy} is
 * the user whose moxxy connection started and follows it (null: the server's, accounts off).
 */
public record MoxxyJobView(String jobId, String projectId, String moxxyJobId, String agent, List<String> taskIds,
                           int workerCount, String state, String taskStatus, String detail, long lastEventId,
                           String tracking, String problem, Instant startedAt, Instant updatedAt, long version,
                           String startedBy) {

    public static MoxxyJobView started(String jobId, String projectId, String moxxyJobId, String agent,
                                       List<String> taskIds, int workerCount, String startedBy, Instant at) {
        return new MoxxyJobView(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, null, "queued", null, 0,
                "ok", null, at, at, 0, startedBy);
    }

    public MoxxyJobView changed(String newState, String newTaskStatus, String newDetail, Instant at, long newVersion) {
        return new MoxxyJobView(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, newState, newTaskStatus,
                newDetail, lastEventId, tracking, problem, startedAt, at, newVersion, startedBy);
    }

    public MoxxyJobView progressed(long eventId, Instant at, long newVersion) {
        return new MoxxyJobView(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, state, taskStatus, detail,
                eventId, tracking, problem, startedAt, at, newVersion, startedBy);
    }

    public MoxxyJobView tracked(String newTracking, String newProblem, Instant at, long newVersion) {
        return new MoxxyJobView(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, state, taskStatus, detail,
                lastEventId, newTracking, newProblem, startedAt, at, newVersion, startedBy);
    }

    /** Whether the job has ended (its tasks are done, failed or stopped): the tracker no longer reads it. */
    public boolean ended() {
        return state != null && !"running".equals(taskStatus);
    }
}
