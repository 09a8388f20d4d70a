package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

public record AttemptMergeConflictFoundEvent(String attemptId, String taskId, String projectId, List<String> files,
                                             String message) implements ProjectScoped {
}
