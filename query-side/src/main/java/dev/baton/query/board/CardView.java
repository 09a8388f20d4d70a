package dev.baton.query.board;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A card on the board (the contract's card shape). */
public record CardView(String taskId, String title, String column, String rank, List<String> labels, Integer priority,
                       String agentProfileId, String agentName, String status, String lastOutcome, int attemptCount,
                       List<String> blockedBy, @JsonInclude(JsonInclude.Include.NON_NULL) MoxxyLink moxxy) {

    public static CardView of(TaskState task, String agentName) {
        return new CardView(task.taskId(), task.title(), task.column(), task.rank(), task.labels(), task.priority(),
                task.agentProfileId(), agentName, task.status(), task.lastOutcome(), task.attemptCount(),
                task.blockedBy(), task.moxxy());
    }
}
