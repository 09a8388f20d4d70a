package dev.baton.query.board;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.query.support.ReadModelJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One change of a board at one position: a task's new state (or its removal: {@code task} null) or the
 * project's new settings. The board stream sends all changes of one position as one message.
 */
public record BoardChange(long position, String kind, String taskId, JsonNode task, JsonNode project) {

    static BoardChange task(long position, String taskId, String data) {
        return new BoardChange(position, data == null ? "task_removed" : "task", taskId,
                data == null ? null : ReadModelJson.tree(data), null);
    }

    static BoardChange project(long position, String data) {
        return new BoardChange(position, "project", null, null, ReadModelJson.tree(data));
    }

    /** The changes of one position. */
    public record Batch(long position, List<BoardChange> changes) {
    }

    /**
     * Merges two position-ordered lists, each cut at {@code limit} rows, into whole positions: a position that
     * may continue beyond a cut list is left for the next read.
     */
    static List<BoardChange> merge(List<BoardChange> tasks, List<BoardChange> projects, int limit) {
        long complete = Long.MAX_VALUE;
        if (tasks.size() >= limit) {
            complete = Math.min(complete, tasks.get(tasks.size() - 1).position() - 1);
        }
        if (projects.size() >= limit) {
            complete = Math.min(complete, projects.get(projects.size() - 1).position() - 1);
        }
        List<BoardChange> all = new ArrayList<>(tasks);
        all.addAll(projects);
        long cut = complete;
        List<BoardChange> whole = all.stream().filter(c -> c.position() <= cut)
                .sorted(java.util.Comparator.comparingLong(BoardChange::position)).toList();
        if (whole.isEmpty() && !all.isEmpty()) {
            // one position changed more rows than the limit: deliver what was read rather than stall
            long first = all.stream().mapToLong(BoardChange::position).min().orElseThrow();
            return all.stream().filter(c -> c.position() == first).toList();
        }
        return whole;
    }

    public static List<Batch> batches(List<BoardChange> changes) {
        Map<Long, List<BoardChange>> byPosition = new TreeMap<>();
        for (BoardChange change : changes) {
            byPosition.computeIfAbsent(change.position(), p -> new ArrayList<>()).add(change);
        }
        return byPosition.entrySet().stream().map(e -> new Batch(e.getKey(), e.getValue())).toList();
    }
}
