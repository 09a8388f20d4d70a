package dev.baton.runner.attempt;

import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.project.BotIdentity;
import dev.baton.core.project.ProjectCommands;
import dev.baton.runner.workspace.ProjectRepository;

import java.util.List;

/**
 * Everything the runner needs to run one attempt, read when it starts: the project's repository, target branch,
 * gates and bot identity, the agent profile, and the task and attempt texts the prompt is made of.
 * {@code previousAttemptId} and {@code feedback} are set when a reviewer asked for changes to an earlier attempt.
 */
public record AttemptSpec(String attemptId, String taskId, String projectId, ProjectRepository repository,
                          String targetBranch, ProjectCommands commands, BotIdentity botIdentity,
                          AgentProfileSettings profile, String taskTitle, String taskDescription,
                          List<String> acceptanceCriteria, String prompt, String previousAttemptId, String feedback) {

    public String branch() {
        return "baton/" + taskId + "/" + attemptId;
    }

    public String previousBranch() {
        return previousAttemptId == null ? null : "baton/" + taskId + "/" + previousAttemptId;
    }
}
