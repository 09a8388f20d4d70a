package dev.baton.query.board;

import dev.baton.query.project.ProjectView;
import dev.baton.query.support.MultiRowInsert;
import dev.baton.query.support.ReadModelBatch;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.support.SqlLists;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The board projection's writes for one batch of events (one transaction). Task states are read once (all the
 * batch needs with a few queries, see {@link #prefetch}), kept in memory while the batch changes them, and written
 * just before the commit: each task's live row in its final state ({@link TaskRows}: the table, or the memory of a
 * replay), and each version the batch closed as one history row (a task's open version is its live row; see
 * V5__task_history_closed_versions.sql). Nothing is written before the flush, so reads of the database during the
 * batch see the state before it.
 */
public final class BoardBatch implements ReadModelBatch {

    private final JdbcTemplate jdbc;
    private final int gen;
    private final TaskRows rows;
    private final Map<String, LiveTask> tasks = new HashMap<>();
    private final Set<String> missingTasks = new HashSet<>();
    private final Set<String> insertedTasks = new LinkedHashSet<>();
    private final Set<String> changedTasks = new LinkedHashSet<>();
    private final Set<String> deletedTasks = new LinkedHashSet<>();
    private final List<HistoryRow> taskHistory = new ArrayList<>();
    private final TaskDependencies dependencies;
    private final Map<String, ProjectView> projects = new HashMap<>();
    private final Set<String> missingProjects = new HashSet<>();
    private final Set<String> insertedProjects = new LinkedHashSet<>();
    private final Set<String> changedProjects = new LinkedHashSet<>();
    private final Map<String, long[]> projectPositions = new HashMap<>();
    private final Map<String, Long> boardPositions = new HashMap<>();
    private final List<HistoryRow> projectHistory = new ArrayList<>();

    BoardBatch(JdbcTemplate jdbc, int gen, TaskRows rows) {
        this.jdbc = jdbc;
        this.gen = gen;
        this.rows = rows;
        this.dependencies = new TaskDependencies(jdbc, gen);
    }

    /** Reads these projects, the stored states of these tasks and which tasks depend on them, with a query each. */
    public void prefetch(Collection<String> projectIds, Collection<String> taskIds) {
        loadProjects(projectIds);
        load(taskIds);
        dependencies.prefetch(taskIds);
    }

    // --- projects ---

    public Optional<ProjectView> project(String projectId) {
        loadProjects(List.of(projectId));
        return Optional.ofNullable(projects.get(projectId));
    }

    private void loadProjects(Collection<String> projectIds) {
        List<String> unread = projectIds.stream().filter(id -> !projects.containsKey(id) && !missingProjects.contains(id))
                .distinct().toList();
        missingProjects.addAll(unread);
        SqlLists.inChunks(unread, (in, ids) -> jdbc.query("select project_id, data from rm_project where gen = ?"
                + " and project_id in " + in, rs -> {
                    projects.put(rs.getString(1), ReadModelJson.read(rs.getString(2), ProjectView.class));
                    missingProjects.remove(rs.getString(1));
                }, SqlLists.args(gen, ids)));
    }

    public void insertProject(ProjectView project, long position, Instant at) {
        missingProjects.remove(project.projectId());
        projects.put(project.projectId(), project);
        insertedProjects.add(project.projectId());
        projectPositions.put(project.projectId(), new long[]{position, position});
        projectHistory.add(new HistoryRow(project.projectId(), project.projectId(), position, at, null, null,
                ReadModelJson.write(project)));
        boardChanged(project.projectId(), position);
    }

    public void updateProject(ProjectView project, long position, Instant at) {
        projects.put(project.projectId(), project);
        changedProjects.add(project.projectId());
        projectPositions.computeIfAbsent(project.projectId(), id -> new long[]{-1, position})[1] = position;
        projectHistory.add(new HistoryRow(project.projectId(), project.projectId(), position, at, null, null,
                ReadModelJson.write(project)));
        boardChanged(project.projectId(), position);
    }

    // --- tasks ---

    public Optional<TaskState> task(String taskId) {
        load(List.of(taskId));
        LiveTask live = tasks.get(taskId);
        return live == null ? Optional.empty() : Optional.of(live.state());
    }

    /** The existing tasks among these, in the given order; the ones not read yet are read with one query. */
    public List<TaskState> tasks(List<String> taskIds) {
        load(taskIds);
        return taskIds.stream().map(tasks::get).filter(Objects::nonNull).map(LiveTask::state).toList();
    }

    /** All live tasks of a project, as this batch sees them. */
    public List<TaskState> tasksOfProject(String projectId) {
        Set<String> ids = new LinkedHashSet<>(rows.idsOfProject(projectId));
        tasks.values().stream().filter(live -> live.state().projectId().equals(projectId))
                .forEach(live -> ids.add(live.taskId()));
        return tasks(List.copyOf(ids));
    }

    public void insertTask(TaskState task, long position, Instant at) {
        missingTasks.remove(task.taskId());
        tasks.put(task.taskId(), new LiveTask(task, position, at, null));
        insertedTasks.add(task.taskId());
        dependencies.changed(task.taskId(), task.dependsOn());
        boardChanged(task.projectId(), position);
    }

    public void updateTask(TaskState task, long position, Instant at) {
        LiveTask before = live(task.taskId());
        if (before.position() != position) {
            closeVersion(before, position, at);
        }
        tasks.put(task.taskId(), new LiveTask(task, position, at, null));
        changedTasks.add(task.taskId());
        boardChanged(task.projectId(), position);
    }

    public void deleteTask(TaskState task, long position, Instant at) {
        LiveTask before = live(task.taskId());
        if (before.position() != position) {
            closeVersion(before, position, at);
        }
        tasks.remove(task.taskId());
        deletedTasks.add(task.taskId());
        dependencies.changed(task.taskId(), List.of());
        taskHistory.add(new HistoryRow(task.taskId(), task.projectId(), position, at, position, at, null));
        boardChanged(task.projectId(), position);
    }

    /** Records the task's new dependencies (its state already lists them). */
    public void dependenciesChanged(TaskState task) {
        dependencies.changed(task.taskId(), task.dependsOn());
    }

    /** The tasks that depend on this one. */
    public List<String> dependants(String taskId) {
        return dependencies.dependants(taskId);
    }

    private LiveTask live(String taskId) {
        LiveTask live = tasks.get(taskId);
        if (live == null) {
            throw new IllegalStateException("task " + taskId + " is not part of this batch");
        }
        return live;
    }

    /** The version ends where the next one begins: one history row, with the JSON stored for it if it was read. */
    private void closeVersion(LiveTask version, long position, Instant at) {
        taskHistory.add(new HistoryRow(version.taskId(), version.state().projectId(), version.position(),
                version.positionTs(), position, at, version.data()));
    }

    private void boardChanged(String projectId, long position) {
        boardPositions.merge(projectId, position, Math::max);
    }

    private void load(Collection<String> taskIds) {
        List<String> unread = taskIds.stream().filter(id -> !tasks.containsKey(id) && !missingTasks.contains(id)
                && !deletedTasks.contains(id)).distinct().toList();
        if (unread.isEmpty()) {
            return;
        }
        Map<String, LiveTask> found = rows.read(unread);
        tasks.putAll(found);
        unread.stream().filter(id -> !found.containsKey(id)).forEach(missingTasks::add);
    }

    // --- writing ---

    /** Writes everything this batch changed. */
    @Override
    public void flush() {
        flushProjects();
        flushTasks();
        dependencies.flush(insertedTasks);
        flushProjectHistory();
        MultiRowInsert.insert(jdbc, "rm_task_history", "gen, subject_id, project_id, valid_from, valid_from_ts, valid_to,"
                + " valid_to_ts, data", taskHistory.stream().map(this::historyRow).toList());
    }

    private void flushProjects() {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (String id : insertedProjects) {
            long[] positions = projectPositions.get(id);
            inserts.add(new Object[]{gen, id, positions[0], positions[1], boardPositions.get(id),
                    ReadModelJson.write(projects.get(id))});
        }
        for (String id : changedProjects) {
            if (!insertedProjects.contains(id)) {
                updates.add(new Object[]{projectPositions.get(id)[1], ReadModelJson.write(projects.get(id)), gen, id});
            }
        }
        jdbc.batchUpdate("insert into rm_project (gen, project_id, created_position, position, board_position, data)"
                + " values (?, ?, ?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("update rm_project set position = ?, data = ? where gen = ? and project_id = ?", updates);
    }

    private void flushTasks() {
        List<LiveTask> inserted = insertedTasks.stream().map(tasks::get).filter(Objects::nonNull).toList();
        List<LiveTask> updated = changedTasks.stream().filter(id -> !insertedTasks.contains(id)).map(tasks::get)
                .filter(Objects::nonNull).toList();
        List<String> deleted = deletedTasks.stream().filter(id -> !insertedTasks.contains(id)).toList();
        Map<String, Long> boards = new HashMap<>(boardPositions);
        insertedProjects.forEach(boards::remove);
        rows.write(new TaskRows.Changes(inserted, updated, deleted, boards));
    }

    @Override
    public void afterCommit() {
        rows.committed();
    }

    @Override
    public void cleanup() {
        rows.finished();
    }

    /**
     * Projects change rarely: their history keeps the open version too. This closes the row each project had open
     * before this batch, then inserts the batch's rows, each valid until the project's next row.
     */
    private void flushProjectHistory() {
        if (projectHistory.isEmpty()) {
            return;
        }
        Map<String, HistoryRow> first = new LinkedHashMap<>();
        List<HistoryRow> versions = new ArrayList<>();
        Map<String, Integer> last = new HashMap<>();
        for (HistoryRow row : projectHistory) {
            first.putIfAbsent(row.subjectId(), row);
            Integer previous = last.put(row.subjectId(), versions.size());
            if (previous != null) {
                versions.set(previous, versions.get(previous).closedBy(row));
            }
            versions.add(row);
        }
        List<Object[]> closes = new ArrayList<>();
        first.forEach((subject, row) -> {
            if (!insertedProjects.contains(subject)) {
                closes.add(new Object[]{row.from(), Timestamp.from(row.fromTs()), gen, subject});
            }
        });
        jdbc.batchUpdate("update rm_project_history set valid_to = ?, valid_to_ts = ? where gen = ? and subject_id = ?"
                + " and valid_to is null", closes);
        jdbc.batchUpdate("insert into rm_project_history (gen, subject_id, project_id, valid_from, valid_from_ts,"
                + " valid_to, valid_to_ts, data) values (?, ?, ?, ?, ?, ?, ?, ?)", versions.stream().map(this::historyRow).toList());
    }

    private Object[] historyRow(HistoryRow row) {
        return new Object[]{gen, row.subjectId(), row.projectId(), row.from(), Timestamp.from(row.fromTs()), row.to(),
                row.toTs() == null ? null : Timestamp.from(row.toTs()), row.data()};
    }

    /** A history row: one version of a subject, valid from a position until another (null: still open). */
    private record HistoryRow(String subjectId, String projectId, long from, Instant fromTs, Long to, Instant toTs,
                              String data) {

        HistoryRow closedBy(HistoryRow next) {
            return new HistoryRow(subjectId, projectId, from, fromTs, next.from, next.fromTs, data);
        }
    }
}
