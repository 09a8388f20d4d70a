package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

/** The tracker could not read the job, the first time since it last could; it retries with a backoff. */
public record MoxxyJobUnreachableEvent(String jobId, String projectId, String reason) implements ProjectScoped {
}
