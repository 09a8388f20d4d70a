package dev.baton.command.directory;

import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

@Component
class JpaBoardDirectory implements BoardDirectory {

    private final DirectoryProjectRepository projects;
    private final DirectoryTaskRepository tasks;
    private final DirectoryAgentProfileRepository agentProfiles;

    JpaBoardDirectory(DirectoryProjectRepository projects, DirectoryTaskRepository tasks,
                      DirectoryAgentProfileRepository agentProfiles) {
        this.projects = projects;
        this.tasks = tasks;
        this.agentProfiles = agentProfiles;
    }

    @Override
    public Optional<ProjectEntry> project(String projectId) {
        return projects.findById(projectId)
                .map(p -> new ProjectEntry(p.projectId, split(p.columnIds), p.archived));
    }

    @Override
    public Optional<TaskEntry> task(String taskId) {
        return tasks.findById(taskId).map(t -> new TaskEntry(t.taskId, t.projectId, t.column, t.rank));
    }

    @Override
    public Optional<String> lastRank(String projectId, String column, String exceptTaskId) {
        return Optional.ofNullable(tasks.lastRank(projectId, column, nonNull(exceptTaskId)));
    }

    @Override
    public Optional<String> rankBelow(String projectId, String column, String rank, String exceptTaskId) {
        return Optional.ofNullable(tasks.rankBelow(projectId, column, rank, nonNull(exceptTaskId)));
    }

    @Override
    public Optional<String> rankAbove(String projectId, String column, String rank, String exceptTaskId) {
        return Optional.ofNullable(tasks.rankAbove(projectId, column, rank, nonNull(exceptTaskId)));
    }

    @Override
    public Set<String> dependenciesOf(String taskId) {
        return tasks.findById(taskId).map(t -> Set.copyOf(split(t.dependsOn))).orElse(Set.of());
    }

    @Override
    public long tasksInColumn(String projectId, String column) {
        return tasks.countByProjectIdAndColumn(projectId, column);
    }

    @Override
    public boolean agentProfileExists(String agentProfileId) {
        return agentProfiles.existsById(agentProfileId);
    }

    @Override
    public boolean agentProfileNameTaken(String name, String exceptAgentProfileId) {
        return agentProfiles.existsByNameKeyAndAgentProfileIdNot(nameKey(name), nonNull(exceptAgentProfileId));
    }

    @Override
    public void lockProject(String projectId) {
        projects.lockById(projectId);
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String nonNull(String id) {
        return id == null ? "" : id;
    }
}
