package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptCancelledEvent(String attemptId, String taskId, String projectId, AttemptStatus cancelledIn,
                                    String reason) implements ProjectScoped {
}
