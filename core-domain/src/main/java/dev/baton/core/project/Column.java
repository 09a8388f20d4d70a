package dev.baton.core.project;

import java.util.List;

/** A board column: a stable id (used by moves and filters) and a display name. */
public record Column(String id, String name) {

    /** The column whose cards count as finished: {@code done} if the board has one, else the last column. */
    public static String finishing(List<String> columnIds) {
        return columnIds.contains("done") ? "done" : columnIds.get(columnIds.size() - 1);
    }
}
