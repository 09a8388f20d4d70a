package dev.baton.core.attempt;

import java.util.List;

/**
 * {@code copyFiles} is empty when no untracked files are to be copied (and null in events stored before it existed).
 * {@code targetBranch} is null for the project's default branch.
 */
public record AttemptQueuedEvent(String attemptId, String taskId, String projectId, String agentProfileId, String prompt,
                                 String branch, String previousAttemptId, String feedback, List<String> copyFiles,
                                 String targetBranch) implements AttemptEvent {

    public AttemptQueuedEvent(String attemptId, String taskId, String projectId, String agentProfileId, String prompt,
                              String branch, String previousAttemptId, String feedback, List<String> copyFiles) {
        this(attemptId, taskId, projectId, agentProfileId, prompt, branch, previousAttemptId, feedback, copyFiles, null);
    }

    public AttemptQueuedEvent(String attemptId, String taskId, String projectId, String agentProfileId, String prompt,
                              String branch, String previousAttemptId, String feedback) {
        this(attemptId, taskId, projectId, agentProfileId, prompt, branch, previousAttemptId, feedback, List.of(), null);
    }
}
