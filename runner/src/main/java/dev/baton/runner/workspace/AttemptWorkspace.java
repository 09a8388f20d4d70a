package dev.baton.runner.workspace;

import dev.baton.core.attempt.AttemptStatus;

import java.time.Instant;

/** An attempt's workspace as the cleanup sees it: whose it is, where the attempt is, and when it finished (or null). */
public record AttemptWorkspace(ProjectRepository project, String attemptId, AttemptStatus status, Instant finishedAt) {
}
