package dev.baton.core.run;

/** A task's attempt is ready; {@code queued}: it waits in the merge queue, else for a person's approval. */
public record RunTaskReadyForReviewEvent(String runId, String projectId, String taskId, String attemptId, boolean queued)
        implements RunEvent {
}
