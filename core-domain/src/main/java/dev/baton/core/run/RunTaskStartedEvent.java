package dev.baton.core.run;

/**
 * The run starts an attempt of a task: the {@code attemptNumber}th of the task in this run, with the id given (made
 * from the run, task and number, so asking again finds it). {@code prompt} says why when it is a retry or a redo
 * after a merge conflict, with what went wrong; null for a first attempt.
 */
public record RunTaskStartedEvent(String runId, String projectId, String taskId, String attemptId, int attemptNumber,
                                  String agentProfileId, String targetBranch, String prompt) implements RunEvent {
}
