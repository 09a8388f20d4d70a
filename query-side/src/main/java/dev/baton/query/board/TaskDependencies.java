package dev.baton.query.board;

import dev.baton.query.support.SqlLists;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse dependency index ({@code rm_task_dependency}: which tasks depend on a task) as one batch sees it:
 * the rows stored before the batch, read once per task, overlaid with the dependencies the batch changed, which
 * are written at the flush.
 */
final class TaskDependencies {

    private final JdbcTemplate jdbc;
    private final int gen;
    /** Dependency → the tasks that depended on it before this batch. */
    private final Map<String, List<String>> stored = new HashMap<>();
    /** Task → its dependencies as this batch changed them (empty once removed). */
    private final Map<String, List<String>> changed = new LinkedHashMap<>();
    /** Dependency → the changed tasks that depend on it now. */
    private final Map<String, Set<String>> added = new HashMap<>();

    TaskDependencies(JdbcTemplate jdbc, int gen) {
        this.jdbc = jdbc;
        this.gen = gen;
    }

    /** Reads the stored dependants of these tasks with one query. */
    void prefetch(Collection<String> taskIds) {
        List<String> unread = taskIds.stream().filter(id -> !stored.containsKey(id)).distinct().toList();
        if (unread.isEmpty()) {
            return;
        }
        unread.forEach(id -> stored.put(id, new ArrayList<>()));
        SqlLists.inChunks(unread, (in, ids) -> jdbc.query("select depends_on, task_id from rm_task_dependency"
                + " where gen = ? and depends_on in " + in, rs -> {
                    stored.get(rs.getString(1)).add(rs.getString(2));
                }, SqlLists.args(gen, ids)));
    }

    void changed(String taskId, List<String> dependsOn) {
        List<String> before = changed.put(taskId, List.copyOf(dependsOn));
        if (before != null) {
            before.forEach(dependency -> added.get(dependency).remove(taskId));
        }
        dependsOn.forEach(dependency -> added.computeIfAbsent(dependency, d -> new LinkedHashSet<>()).add(taskId));
    }

    List<String> dependants(String taskId) {
        prefetch(List.of(taskId));
        List<String> dependants = new ArrayList<>();
        stored.get(taskId).stream().filter(id -> !changed.containsKey(id)).forEach(dependants::add);
        dependants.addAll(added.getOrDefault(taskId, Set.of()));
        return dependants;
    }

    /** Writes the changed dependencies; tasks created in this batch have no stored rows to delete. */
    void flush(Set<String> createdHere) {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        changed.forEach((taskId, dependsOn) -> {
            if (!createdHere.contains(taskId)) {
                deletes.add(new Object[]{gen, taskId});
            }
            dependsOn.forEach(dependency -> inserts.add(new Object[]{gen, taskId, dependency}));
        });
        jdbc.batchUpdate("delete from rm_task_dependency where gen = ? and task_id = ?", deletes);
        jdbc.batchUpdate("insert into rm_task_dependency (gen, task_id, depends_on) values (?, ?, ?)", inserts);
    }
}
