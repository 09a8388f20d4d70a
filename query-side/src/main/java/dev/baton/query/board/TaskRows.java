package dev.baton.query.board;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The live task rows of one generation, as a board batch reads them and writes its changes. */
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

    /** A batch's changes to the live rows: rows created, rows changed, ids removed. */
    record Changes(List<LiveTask> inserted, List<LiveTask> updated, List<String> deleted) {
    }
}
