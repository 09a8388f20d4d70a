package dev.baton.core.task;

import java.time.Instant;

/** A project's board, live or as it was at a store position or a moment (at most one of the two). */
public record FindBoardQuery(String projectId, BoardFilter filter, Long asOfPosition, Instant asOfTime) {
}
