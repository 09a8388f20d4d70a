package dev.baton.command.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The directory for aggregate fixture tests, which run without a database. It answers exactly like
 * {@link JpaBoardDirectory}; the JPA one is exercised by the HTTP integration suites.
 */
public class InMemoryBoardDirectory implements BoardDirectory {

    private final Map<String, ProjectEntry> projects = new HashMap<>();
    private final Map<String, TaskEntry> tasks = new HashMap<>();
    private final Map<String, Set<String>> dependencies = new HashMap<>();
    private final Map<String, String> agentNames = new HashMap<>();
    private final Map<String, String> agentOwners = new HashMap<>();

    public InMemoryBoardDirectory project(String projectId, List<String> columns, boolean archived) {
        projects.put(projectId, new ProjectEntry(projectId, columns, archived));
        return this;
    }

    public InMemoryBoardDirectory task(String taskId, String projectId, String column, String rank, Set<String> dependsOn) {
        return task(taskId, projectId, column, rank, dependsOn, null);
    }

    public InMemoryBoardDirectory task(String taskId, String projectId, String column, String rank, Set<String> dependsOn,
                                       String agentProfileId) {
        tasks.put(taskId, new TaskEntry(taskId, projectId, column, rank, agentProfileId, false));
        dependencies.put(taskId, dependsOn);
        return this;
    }

    public InMemoryBoardDirectory paused(String taskId, boolean paused) {
        TaskEntry t = tasks.get(taskId);
        tasks.put(taskId, new TaskEntry(taskId, t.projectId(), t.column(), t.rank(), t.agentProfileId(), paused));
        return this;
    }

    public InMemoryBoardDirectory agentProfile(String agentProfileId, String name) {
        return agentProfile(agentProfileId, name, null);
    }

    public InMemoryBoardDirectory agentProfile(String agentProfileId, String name, String ownerId) {
        agentNames.put(agentProfileId, name.toLowerCase());
        if (ownerId != null) {
            agentOwners.put(agentProfileId, ownerId);
        }
        return this;
    }

    @Override
    public Optional<ProjectEntry> project(String projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    @Override
    public Optional<TaskEntry> task(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public Optional<String> lastRank(String projectId, String column, String exceptTaskId) {
        return inColumn(projectId, column, exceptTaskId).stream().map(TaskEntry::rank).max(String::compareTo);
    }

    @Override
    public Optional<String> rankBelow(String projectId, String column, String rank, String exceptTaskId) {
        return inColumn(projectId, column, exceptTaskId).stream().map(TaskEntry::rank)
                .filter(r -> r.compareTo(rank) < 0).max(String::compareTo);
    }

    @Override
    public Optional<String> rankAbove(String projectId, String column, String rank, String exceptTaskId) {
        return inColumn(projectId, column, exceptTaskId).stream().map(TaskEntry::rank)
                .filter(r -> r.compareTo(rank) > 0).min(String::compareTo);
    }

    @Override
    public Set<String> dependenciesOf(String taskId) {
        return dependencies.getOrDefault(taskId, Set.of());
    }

    @Override
    public long tasksInColumn(String projectId, String column) {
        return inColumn(projectId, column, null).size();
    }

    @Override
    public boolean agentProfileExists(String agentProfileId) {
        return agentNames.containsKey(agentProfileId);
    }

    @Override
    public boolean agentProfileNameTaken(String name, String ownerId, String exceptAgentProfileId) {
        return agentNames.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(exceptAgentProfileId) && e.getValue().equals(name.strip().toLowerCase())
                        && Objects.equals(agentOwners.get(e.getKey()), ownerId));
    }

    @Override
    public void lockProject(String projectId) {
        // a single-threaded fixture needs no lock
    }

    private List<TaskEntry> inColumn(String projectId, String column, String exceptTaskId) {
        return tasks.values().stream()
                .filter(t -> t.projectId().equals(projectId) && t.column().equals(column))
                .filter(t -> !Objects.equals(t.taskId(), exceptTaskId))
                .toList();
    }

}
