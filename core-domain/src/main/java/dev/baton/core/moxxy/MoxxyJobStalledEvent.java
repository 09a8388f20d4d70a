package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/**
 * The job could not be reached for the configured time: it is marked {@code unreachable} with the reason, and its
 * tasks show it. It is not ended: the tracker keeps trying, slowly, and a later answer carries on from its cursor.
 */
public record MoxxyJobStalledEvent(String jobId, String projectId, String reason, List<String> taskIds)
        implements ProjectScoped {
}
