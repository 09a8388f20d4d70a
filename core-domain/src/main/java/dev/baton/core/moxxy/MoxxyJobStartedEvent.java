package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/** A moxxy job started for tasks of the board, which are linked to it and {@code queued}. */
public record MoxxyJobStartedEvent(String jobId, String projectId, String moxxyJobId, String agent,
                                   List<String> taskIds, int workerCount) implements ProjectScoped {
}
