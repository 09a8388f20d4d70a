package dev.baton.core.run;

/** The merge queue's turn for this attempt: the run saga approves it for a merge into the target branch. */
public record RunMergeRequestedEvent(String runId, String projectId, String taskId, String attemptId)
        implements RunEvent {
}
