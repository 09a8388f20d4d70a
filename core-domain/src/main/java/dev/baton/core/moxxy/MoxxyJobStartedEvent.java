package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/**
 * A moxxy job started for tasks of the board, which are linked to it and {@code queued}. {@code startedBy} names the
 * user whose moxxy connection started it and follows it (null in older events and with accounts off: the server's).
 */
public record MoxxyJobStartedEvent(String jobId, String projectId, String moxxyJobId, String agent,
                                   List<String> taskIds, int workerCount, String startedBy) implements ProjectScoped {

    public MoxxyJobStartedEvent(String jobId, String projectId, String moxxyJobId, String agent, List<String> taskIds,
                                int workerCount) {
        this(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, null);
    }
}
