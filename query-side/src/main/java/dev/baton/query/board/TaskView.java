package dev.baton.query.board;

import dev.baton.core.task.ChecklistItem;
import dev.baton.core.task.Steering;
import dev.baton.query.attempt.AttemptView;

import java.time.Instant;
import java.util.List;

/** GET /tasks/{id}: the task with its checklist, dependencies, attempts (newest first) and steerings (in order). */
public record TaskView(String taskId, String projectId, String title, String description, List<String> acceptanceCriteria,
                       List<ChecklistItem> checklist, List<String> labels, Integer priority, Double estimate,
                       List<String> focusFiles, String column, String rank, String agentProfileId, String agentName,
                       List<String> dependsOn, List<String> blockedBy, String status, String lastOutcome,
                       int attemptCount, List<AttemptView> attempts, List<Steering> steering,
                       MoxxyLink moxxy, Instant createdAt,
                       Instant updatedAt, long version) {

    public static TaskView of(TaskState t, String agentName, List<AttemptView> attempts) {
        return new TaskView(t.taskId(), t.projectId(), t.title(), t.description(),
                t.checklist().stream().map(ChecklistItem::text).toList(), t.checklist(), t.labels(), t.priority(),
                t.estimate(), t.focusFiles(), t.column(), t.rank(), t.agentProfileId(), agentName, t.dependsOn(),
                t.blockedBy(), t.status(), t.lastOutcome(), t.attemptCount(), attempts, t.controls().steering(), t.moxxy(), t.createdAt(),
                t.updatedAt(), t.version());
    }
}
