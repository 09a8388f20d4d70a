package dev.baton.command.directory;

import dev.baton.core.agent.AgentProfileCreatedEvent;
import dev.baton.core.agent.AgentProfileDeletedEvent;
import dev.baton.core.agent.AgentProfileUpdatedEvent;
import dev.baton.core.project.Column;
import dev.baton.core.project.ProjectArchivedEvent;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.project.ProjectSettings;
import dev.baton.core.project.ProjectUpdatedEvent;
import dev.baton.core.task.TaskCreatedEvent;
import dev.baton.core.task.TaskDeletedEvent;
import dev.baton.core.task.TaskDependenciesChangedEvent;
import dev.baton.core.task.TaskMovedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/**
 * Keeps the {@link BoardDirectory} in step with the events. Its processing group is a subscribing
 * processor, so it runs inside the unit of work that stores the event: the directory never lags.
 */
@Component
@ProcessingGroup(BoardDirectoryUpdater.GROUP)
class BoardDirectoryUpdater {

    static final String GROUP = "board-directory";

    private final DirectoryProjectRepository projects;
    private final DirectoryTaskRepository tasks;
    private final DirectoryAgentProfileRepository agentProfiles;

    BoardDirectoryUpdater(DirectoryProjectRepository projects, DirectoryTaskRepository tasks,
                          DirectoryAgentProfileRepository agentProfiles) {
        this.projects = projects;
        this.tasks = tasks;
        this.agentProfiles = agentProfiles;
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        projects.save(new DirectoryProject(event.projectId(), columnIds(event.settings())));
    }

    @EventHandler
    void on(ProjectUpdatedEvent event) {
        projects.findById(event.projectId()).ifPresent(p -> p.columnIds = columnIds(event.settings()));
    }

    @EventHandler
    void on(ProjectArchivedEvent event) {
        projects.findById(event.projectId()).ifPresent(p -> p.archived = true);
    }

    @EventHandler
    void on(TaskCreatedEvent event) {
        tasks.save(new DirectoryTask(event.taskId(), event.projectId(), event.column(), event.rank(),
                String.join(",", event.dependsOn())));
    }

    @EventHandler
    void on(TaskMovedEvent event) {
        tasks.findById(event.taskId()).ifPresent(t -> {
            t.column = event.toColumn();
            t.rank = event.rank();
        });
    }

    @EventHandler
    void on(TaskDependenciesChangedEvent event) {
        tasks.findById(event.taskId()).ifPresent(t -> t.dependsOn = String.join(",", event.dependsOn()));
    }

    @EventHandler
    void on(TaskDeletedEvent event) {
        tasks.deleteById(event.taskId());
    }

    @EventHandler
    void on(AgentProfileCreatedEvent event) {
        agentProfiles.save(new DirectoryAgentProfile(event.agentProfileId(), JpaBoardDirectory.nameKey(event.settings().name())));
    }

    @EventHandler
    void on(AgentProfileUpdatedEvent event) {
        agentProfiles.findById(event.agentProfileId())
                .ifPresent(p -> p.nameKey = JpaBoardDirectory.nameKey(event.settings().name()));
    }

    @EventHandler
    void on(AgentProfileDeletedEvent event) {
        agentProfiles.deleteById(event.agentProfileId());
    }

    private static String columnIds(ProjectSettings settings) {
        return settings.columns().stream().map(Column::id).collect(Collectors.joining(","));
    }
}
