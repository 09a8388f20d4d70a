package dev.baton.query.board;

import java.util.Comparator;

/**
 * A card as read for a board: what ordering and grouping need, and its JSON as stored or the task's state to build
 * it from (the state is also what filters look at; it is read only when needed).
 */
record BoardCard(String taskId, String column, String rank, String agentProfileId, String storedJson, TaskState state) {

    /** Rank order; ties (possible only across nodes) by task id. */
    static final Comparator<BoardCard> ORDER = Comparator.comparing(BoardCard::rank).thenComparing(BoardCard::taskId);

    static BoardCard of(TaskState task) {
        return new BoardCard(task.taskId(), task.column(), task.rank(), task.agentProfileId(), null, task);
    }

    CardJson json(String agentName) {
        return storedJson != null ? CardJson.of(storedJson, agentName) : CardJson.of(state, agentName);
    }
}
