package dev.baton.core.attempt;

import java.util.List;

public record AttemptMergeConflictFoundEvent(String attemptId, String taskId, String projectId, List<String> files,
                                             String message) implements AttemptEvent {
}
