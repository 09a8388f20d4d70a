package dev.baton.query.board;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The live task rows of one generation, as a board batch reads them and writes its changes, and the position of each
 * board's latest change ({@code rm_project.board_position}), which changes as often.
 */
interface TaskRows {

    /** The rows of those of these tasks that exist. */
    Map<String, LiveTask> read(Collection<String> taskIds);

    List<String> idsOfProject(String projectId);

    /** Writes a batch's changes, within the batch's transaction. */
    void write(Changes changes);

    /** The batch whose changes were written has committed. */
    default void committed() {
    }

    /** The batch is over (committed or rolled back). */
    default void finished() {
    }

    /**
     * A batch's changes to the live rows: rows created, rows changed, ids removed, and the boards (of projects that
     * existed before) changed, with the position of their latest change.
     */
    record Changes(List<LiveTask> inserted, List<LiveTask> updated, List<String> deleted, Map<String, Long> boards) {
    }
}
