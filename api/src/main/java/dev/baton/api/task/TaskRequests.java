package dev.baton.api.task;

import java.util.List;

/** Request bodies of the board and task endpoints (snake_case JSON; unknown fields are refused). */
final class TaskRequests {

    private TaskRequests() {
    }

    record CreateTaskBody(String title, String description, List<String> acceptanceCriteria, List<String> labels,
                          Integer priority, Double estimate, List<String> focusFiles, String column,
                          String agentProfileId, List<String> dependsOn) {
    }

    /** PATCH /tasks/{id}: absent fields stay; null clears an optional field; {@code expected_version} guards. */
    record EditTaskBody(String title, String description, List<String> acceptanceCriteria, List<String> labels,
                        Integer priority, Double estimate, List<String> focusFiles, String agentProfileId,
                        List<String> dependsOn, Long expectedVersion) {
    }

    record MoveBody(String column, String beforeTaskId, String afterTaskId) {
    }

    record ChecklistBody(Boolean done) {
    }

    record Created(String taskId, long version) {
    }
}
