package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Starts an agent on a task: the attempt is queued at once. {@code previousAttemptId} and {@code feedback} are set
 * when a reviewer asked for changes to an earlier attempt, which this one continues. {@code copyFiles} are untracked
 * files of the user's checkout (such as {@code .env}), relative to it, to copy into the attempt's workspace.
 * {@code targetBranch} is the branch the attempt starts from and is merged into (null: the project's default branch).
 */
public record StartAttemptCommand(@TargetAggregateIdentifier String attemptId, String taskId, String agentProfileId,
                                  String prompt, String previousAttemptId, String feedback, List<String> copyFiles,
                                  String targetBranch) {

    public StartAttemptCommand(String attemptId, String taskId, String agentProfileId, String prompt,
                               String previousAttemptId, String feedback, List<String> copyFiles) {
        this(attemptId, taskId, agentProfileId, prompt, previousAttemptId, feedback, copyFiles, null);
    }

    public StartAttemptCommand(String attemptId, String taskId, String agentProfileId, String prompt,
                               String previousAttemptId, String feedback) {
        this(attemptId, taskId, agentProfileId, prompt, previousAttemptId, feedback, null, null);
    }
}
