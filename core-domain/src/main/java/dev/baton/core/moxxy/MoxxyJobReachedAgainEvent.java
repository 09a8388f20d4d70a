package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/** moxxy answered for the job again; the tracker carries on from its cursor, so nothing was lost meanwhile. */
public record MoxxyJobReachedAgainEvent(String jobId, String projectId, List<String> taskIds) implements ProjectScoped {
}
