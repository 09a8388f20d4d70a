package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

/**
 * One entry of the job's events list on moxxy, recorded once: {@code eventId} is moxxy's cursor, from which the
 * tracker reads on after a restart. An entry is progress, not a state change: moxxy's job status says the state.
 */
public record MoxxyJobProgressedEvent(String jobId, String projectId, long eventId, String type, String payload,
                                      String createdAt) implements ProjectScoped {
}
