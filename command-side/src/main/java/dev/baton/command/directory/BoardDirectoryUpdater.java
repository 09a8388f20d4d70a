package dev.baton.command.directory;

import dev.baton.core.agent.AgentProfileCreatedEvent;
import dev.baton.core.agent.AgentProfileDeletedEvent;
import dev.baton.core.agent.AgentProfileUpdatedEvent;
import dev.baton.core.project.Column;
import dev.baton.core.project.ProjectArchivedEvent;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.project.ProjectSettings;
import dev.baton.core.project.ProjectUpdatedEvent;
import dev.baton.core.task.TaskAgentAssignedEvent;
import dev.baton.core.task.TaskCreatedEvent;
import dev.baton.core.task.TaskDeletedEvent;
import dev.baton.core.task.TaskDependenciesChangedEvent;
import dev.baton.core.task.TaskMovedEvent;
import dev.baton.core.task.TaskPausedEvent;
import dev.baton.core.task.TaskResumedEvent;
import dev.baton.core.task.TaskStoppedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps the {@link BoardDirectory} in step with the events. Its processing group is a subscribing
 * processor, so it runs inside the unit of work that stores the event: the directory never lags.
 */
@Component
@ProcessingGroup(BoardDirectoryUpdater.GROUP)
class BoardDirectoryUpdater {

    static final String GROUP = "board-directory";

    private final JdbcBoardDirectory directory;

    BoardDirectoryUpdater(JdbcBoardDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        directory.addProject(event.projectId(), columnIds(event.settings()));
    }

    @EventHandler
    void on(ProjectUpdatedEvent event) {
        directory.changeColumns(event.projectId(), columnIds(event.settings()));
    }

    @EventHandler
    void on(ProjectArchivedEvent event) {
        directory.archiveProject(event.projectId());
    }

    @EventHandler
    void on(TaskCreatedEvent event) {
        directory.addTask(event.taskId(), event.projectId(), event.column(), event.rank(), event.dependsOn(),
                event.agentProfileId());
    }

    @EventHandler
    void on(TaskAgentAssignedEvent event) {
        directory.assignAgent(event.taskId(), event.agentProfileId());
    }

    @EventHandler
    void on(TaskMovedEvent event) {
        directory.placeTask(event.taskId(), event.toColumn(), event.rank());
    }

    @EventHandler
    void on(TaskDependenciesChangedEvent event) {
        directory.changeDependencies(event.taskId(), event.dependsOn());
    }

    @EventHandler
    void on(TaskPausedEvent event) {
        directory.pauseTask(event.taskId(), true);
    }

    @EventHandler
    void on(TaskResumedEvent event) {
        directory.pauseTask(event.taskId(), false);
    }

    @EventHandler
    void on(TaskStoppedEvent event) {
        directory.pauseTask(event.taskId(), false);
    }

    @EventHandler
    void on(TaskDeletedEvent event) {
        directory.removeTask(event.taskId());
    }

    @EventHandler
    void on(AgentProfileCreatedEvent event) {
        directory.addAgentProfile(event.agentProfileId(), event.settings().name(),
                event.owner() == null ? null : event.owner().id());
    }

    @EventHandler
    void on(AgentProfileUpdatedEvent event) {
        directory.renameAgentProfile(event.agentProfileId(), event.settings().name());
    }

    @EventHandler
    void on(AgentProfileDeletedEvent event) {
        directory.removeAgentProfile(event.agentProfileId());
    }

    private static List<String> columnIds(ProjectSettings settings) {
        return settings.columns().stream().map(Column::id).toList();
    }
}
