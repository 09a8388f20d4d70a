package dev.baton.runner.attempt;

import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.project.BotIdentity;
import dev.baton.core.project.ProjectCommands;
import dev.baton.core.task.Steering;
import dev.baton.runner.workspace.ProjectRepository;

import java.util.List;

/**
 * Everything the runner needs to run one attempt, read when it starts: the project's repository, target branch,
 * gates and bot identity, the agent profile, and the task and attempt texts the prompt is made of.
 * {@code previousAttemptId} and {@code feedback} are set when a reviewer asked for changes to an earlier attempt;
 * {@code steering} holds the task's steerings so far, in order.
 */
public record AttemptSpec(String attemptId, String taskId, String projectId, ProjectRepository repository,
                          String targetBranch, ProjectCommands commands, BotIdentity botIdentity,
                          AgentProfileSettings profile, String taskTitle, String taskDescription,
                          List<String> acceptanceCriteria, String prompt, String previousAttemptId, String feedback,
                          List<Steering> steering) {

    public AttemptSpec withSteering(List<Steering> newSteering) {
        return new AttemptSpec(attemptId, taskId, projectId, repository, targetBranch, commands, botIdentity, profile,
                taskTitle, taskDescription, acceptanceCriteria, prompt, previousAttemptId, feedback, newSteering);
    }

    public String branch() {
        return "baton/" + taskId + "/" + attemptId;
    }

    public String previousBranch() {
        return previousAttemptId == null ? null : "baton/" + taskId + "/" + previousAttemptId;
    }
}
