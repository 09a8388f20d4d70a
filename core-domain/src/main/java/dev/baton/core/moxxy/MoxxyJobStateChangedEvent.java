package dev.baton.core.moxxy;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/**
 * The job moved from one moxxy state to another, once per change; its linked tasks are now {@code taskStatus}
 * ({@link MoxxyJobStates#taskStatus}). {@code detail} is moxxy's summary or error.
 */
public record MoxxyJobStateChangedEvent(String jobId, String projectId, String from, String to, String taskStatus,
                                        List<String> taskIds, String detail) implements ProjectScoped {
}
