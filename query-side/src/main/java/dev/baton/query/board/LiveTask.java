package dev.baton.query.board;

import dev.baton.query.support.ReadModelJson;

import java.time.Instant;

/** A task's live row: its state, valid since a position and time, and its JSON as stored (null if not written yet). */
record LiveTask(TaskState state, long position, Instant positionTs, String json) {

    String taskId() {
        return state.taskId();
    }

    /** The state's JSON: as stored, or written now. */
    String data() {
        return json != null ? json : ReadModelJson.write(state);
    }
}
