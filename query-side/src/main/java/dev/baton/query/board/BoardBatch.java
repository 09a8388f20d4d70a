package dev.baton.query.board;

import dev.baton.query.project.ProjectView;
import dev.baton.query.support.ReadModelBatch;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The board projection's writes for one batch of events (one transaction). States are read once, kept in
 * memory while the batch changes them, and written with JDBC batches just before the commit: the live rows in
 * their final state, and one history row per change (each closed by the next change of the same subject).
 * The reverse dependency index is written at once, because later events of the same batch query it.
 */
public final class BoardBatch implements ReadModelBatch {

    private final JdbcTemplate jdbc;
    private final int gen;
    private final Map<String, TaskState> tasks = new HashMap<>();
    private final Set<String> missingTasks = new HashSet<>();
    private final Set<String> insertedTasks = new LinkedHashSet<>();
    private final Set<String> changedTasks = new LinkedHashSet<>();
    private final Set<String> deletedTasks = new LinkedHashSet<>();
    private final Map<String, Long> taskPositions = new HashMap<>();
    private final Map<String, ProjectView> projects = new HashMap<>();
    private final Set<String> insertedProjects = new LinkedHashSet<>();
    private final Set<String> changedProjects = new LinkedHashSet<>();
    private final Map<String, long[]> projectPositions = new HashMap<>();
    private final List<HistoryRow> taskHistory = new ArrayList<>();
    private final List<HistoryRow> projectHistory = new ArrayList<>();

    public BoardBatch(JdbcTemplate jdbc, int gen) {
        this.jdbc = jdbc;
        this.gen = gen;
    }

    public int generation() {
        return gen;
    }

    // --- projects ---

    public Optional<ProjectView> project(String projectId) {
        ProjectView cached = projects.get(projectId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ProjectView> stored = jdbc.query("select data from rm_project where gen = ? and project_id = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), ProjectView.class), gen, projectId).stream().findFirst();
        stored.ifPresent(p -> projects.put(projectId, p));
        return stored;
    }

    public void insertProject(ProjectView project, long position, Instant at) {
        projects.put(project.projectId(), project);
        insertedProjects.add(project.projectId());
        projectPositions.put(project.projectId(), new long[]{position, position});
        projectHistory.add(new HistoryRow(project.projectId(), project.projectId(), position, at, ReadModelJson.write(project)));
    }

    public void updateProject(ProjectView project, long position, Instant at) {
        projects.put(project.projectId(), project);
        changedProjects.add(project.projectId());
        projectPositions.computeIfAbsent(project.projectId(), id -> new long[]{-1, position})[1] = position;
        projectHistory.add(new HistoryRow(project.projectId(), project.projectId(), position, at, ReadModelJson.write(project)));
    }

    // --- tasks ---

    public Optional<TaskState> task(String taskId) {
        if (deletedTasks.contains(taskId) || missingTasks.contains(taskId)) {
            return Optional.empty();
        }
        TaskState cached = tasks.get(taskId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<TaskState> stored = jdbc.query("select data from rm_task where gen = ? and task_id = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), TaskState.class), gen, taskId).stream().findFirst();
        stored.ifPresentOrElse(t -> tasks.put(taskId, t), () -> missingTasks.add(taskId));
        return stored;
    }

    public List<TaskState> tasks(List<String> taskIds) {
        return taskIds.stream().map(this::task).flatMap(Optional::stream).toList();
    }

    /** All live tasks of a project, as this batch sees them. */
    public List<TaskState> tasksOfProject(String projectId) {
        List<String> ids = new ArrayList<>(jdbc.queryForList("select task_id from rm_task where gen = ? and project_id = ?",
                String.class, gen, projectId));
        tasks.values().stream().filter(t -> t.projectId().equals(projectId) && !ids.contains(t.taskId()))
                .forEach(t -> ids.add(t.taskId()));
        return tasks(ids);
    }

    public void insertTask(TaskState task, long position, Instant at) {
        missingTasks.remove(task.taskId());
        tasks.put(task.taskId(), task);
        insertedTasks.add(task.taskId());
        taskPositions.put(task.taskId(), position);
        taskHistory.add(new HistoryRow(task.taskId(), task.projectId(), position, at, ReadModelJson.write(task)));
        replaceDependencies(task);
    }

    public void updateTask(TaskState task, long position, Instant at) {
        tasks.put(task.taskId(), task);
        changedTasks.add(task.taskId());
        taskPositions.put(task.taskId(), position);
        taskHistory.add(new HistoryRow(task.taskId(), task.projectId(), position, at, ReadModelJson.write(task)));
    }

    public void deleteTask(TaskState task, long position, Instant at) {
        tasks.remove(task.taskId());
        deletedTasks.add(task.taskId());
        jdbc.update("delete from rm_task_dependency where gen = ? and task_id = ?", gen, task.taskId());
        taskHistory.add(new HistoryRow(task.taskId(), task.projectId(), position, at, null));
    }

    public void replaceDependencies(TaskState task) {
        jdbc.update("delete from rm_task_dependency where gen = ? and task_id = ?", gen, task.taskId());
        jdbc.batchUpdate("insert into rm_task_dependency (gen, task_id, depends_on) values (?, ?, ?)",
                task.dependsOn().stream().map(d -> new Object[]{gen, task.taskId(), d}).toList());
    }

    /** The tasks that depend on this one. */
    public List<String> dependants(String taskId) {
        return jdbc.queryForList("select task_id from rm_task_dependency where gen = ? and depends_on = ?",
                String.class, gen, taskId);
    }

    // --- writing ---

    /** Writes everything this batch changed. */
    @Override
    public void flush() {
        flushProjects();
        flushTasks();
        flushHistory("rm_project_history", projectHistory, insertedProjects);
        flushHistory("rm_task_history", taskHistory, insertedTasks);
    }

    private void flushProjects() {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (String id : insertedProjects) {
            long[] positions = projectPositions.get(id);
            inserts.add(new Object[]{gen, id, positions[0], positions[1], ReadModelJson.write(projects.get(id))});
        }
        for (String id : changedProjects) {
            if (!insertedProjects.contains(id)) {
                updates.add(new Object[]{projectPositions.get(id)[1], ReadModelJson.write(projects.get(id)), gen, id});
            }
        }
        jdbc.batchUpdate("insert into rm_project (gen, project_id, created_position, position, data) values (?, ?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("update rm_project set position = ?, data = ? where gen = ? and project_id = ?", updates);
    }

    private void flushTasks() {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        for (String id : insertedTasks) {
            TaskState t = tasks.get(id);
            if (t != null) {
                inserts.add(new Object[]{gen, id, t.projectId(), t.column(), t.rank(), taskPositions.get(id), ReadModelJson.write(t)});
            }
        }
        for (String id : changedTasks) {
            TaskState t = tasks.get(id);
            if (t != null && !insertedTasks.contains(id)) {
                updates.add(new Object[]{t.column(), t.rank(), taskPositions.get(id), ReadModelJson.write(t), gen, id});
            }
        }
        for (String id : deletedTasks) {
            if (!insertedTasks.contains(id)) {
                deletes.add(new Object[]{gen, id});
            }
        }
        jdbc.batchUpdate("insert into rm_task (gen, task_id, project_id, column_id, card_rank, position, data)"
                + " values (?, ?, ?, ?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("update rm_task set column_id = ?, card_rank = ?, position = ?, data = ? where gen = ? and task_id = ?", updates);
        jdbc.batchUpdate("delete from rm_task where gen = ? and task_id = ?", deletes);
    }

    /**
     * Closes the row each subject had open before this batch, then inserts the batch's rows; a row is valid until
     * the subject's next row (a tombstone is valid at no moment).
     */
    private void flushHistory(String table, List<HistoryRow> rows, Set<String> createdHere) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, HistoryRow> first = new LinkedHashMap<>();
        Map<String, HistoryRow> last = new HashMap<>();
        Map<HistoryRow, HistoryRow> next = new IdentityHashMap<>();
        for (HistoryRow row : rows) {
            first.putIfAbsent(row.subjectId(), row);
            HistoryRow previous = last.put(row.subjectId(), row);
            if (previous != null) {
                next.put(previous, row);
            }
        }
        List<Object[]> closes = new ArrayList<>();
        first.forEach((subject, row) -> {
            if (!createdHere.contains(subject)) {
                closes.add(new Object[]{row.position(), Timestamp.from(row.at()), gen, subject});
            }
        });
        jdbc.batchUpdate("update " + table + " set valid_to = ?, valid_to_ts = ? where gen = ? and subject_id = ?"
                + " and valid_to is null", closes);
        List<Object[]> inserts = new ArrayList<>();
        for (HistoryRow row : rows) {
            HistoryRow until = row.data() == null ? row : next.get(row);
            inserts.add(new Object[]{gen, row.subjectId(), row.projectId(), row.position(), Timestamp.from(row.at()),
                    until == null ? null : until.position(), until == null ? null : Timestamp.from(until.at()), row.data()});
        }
        jdbc.batchUpdate("insert into " + table + " (gen, subject_id, project_id, valid_from, valid_from_ts, valid_to,"
                + " valid_to_ts, data) values (?, ?, ?, ?, ?, ?, ?, ?)", inserts);
    }

    private record HistoryRow(String subjectId, String projectId, long position, Instant at, String data) {
    }
}
