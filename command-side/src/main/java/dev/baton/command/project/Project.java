package dev.baton.command.project;

import dev.baton.command.directory.BoardDirectory;
import dev.baton.core.common.ChangedFields;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.project.ArchiveProjectCommand;
import dev.baton.core.project.Column;
import dev.baton.core.project.CreateProjectCommand;
import dev.baton.core.project.ProjectArchivedEvent;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.common.Owner;
import dev.baton.core.project.ProjectSettings;
import dev.baton.core.project.ProjectUpdatedEvent;
import dev.baton.core.project.ProjectValidatedEvent;
import dev.baton.core.project.RecordProjectValidationCommand;
import dev.baton.core.project.UpdateProjectCommand;
import dev.baton.core.project.ValidationCheck;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A board anchored to a git repository, with its columns, gate commands and budgets. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE) // snapshots serialize the fields
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Project {

    @AggregateIdentifier
    private String projectId;
    private ProjectSettings settings;
    private boolean archived;

    @CommandHandler
    public Project(CreateProjectCommand command) {
        ProjectSettings settings = ProjectSettings.checked(command.name(), command.vision(), command.repoUrl(),
                command.localPath(), command.defaultBranch(), command.commands(), command.columns(), command.budgets(),
                command.botIdentity());
        apply(new ProjectCreatedEvent(command.projectId(), settings, Owner.checked(command.owner())));
    }

    @CommandHandler
    public Long handle(UpdateProjectCommand command, BoardDirectory directory) {
        requireActive();
        ProjectSettings updated = settings.with(command.name(), command.vision(), command.repoUrl(), command.localPath(),
                command.defaultBranch(), command.commands(), command.columns(), command.budgets(), command.botIdentity());
        requireRemovedColumnsEmpty(updated, directory);
        List<String> changed = changedFields(settings, updated);
        if (!changed.isEmpty()) {
            apply(new ProjectUpdatedEvent(projectId, updated, changed));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(ArchiveProjectCommand command) {
        requireActive();
        apply(new ProjectArchivedEvent(projectId, command.purgeWorkspaces()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordProjectValidationCommand command) {
        boolean ok = command.checks().stream().allMatch(ValidationCheck::ok);
        apply(new ProjectValidatedEvent(projectId, List.copyOf(command.checks()), ok));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        projectId = event.projectId();
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(ProjectUpdatedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(ProjectArchivedEvent event) {
        archived = true;
    }

    private void requireActive() {
        if (archived) {
            throw DomainException.invalidState("project " + projectId + " is archived");
        }
    }

    private void requireRemovedColumnsEmpty(ProjectSettings updated, BoardDirectory directory) {
        Set<String> kept = updated.columns().stream().map(Column::id).collect(Collectors.toSet());
        List<String> occupied = new ArrayList<>();
        for (Column column : settings.columns()) {
            if (!kept.contains(column.id()) && directory.tasksInColumn(projectId, column.id()) > 0) {
                occupied.add(column.id());
            }
        }
        if (!occupied.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_STATE,
                    "columns " + occupied + " still hold tasks: move them before removing the column",
                    Map.of("columns", occupied));
        }
    }

    private static List<String> changedFields(ProjectSettings before, ProjectSettings after) {
        return new ChangedFields()
                .compare("name", before.name(), after.name())
                .compare("vision", before.vision(), after.vision())
                .compare("repo_url", before.repoUrl(), after.repoUrl())
                .compare("local_path", before.localPath(), after.localPath())
                .compare("default_branch", before.defaultBranch(), after.defaultBranch())
                .compare("commands", before.commands(), after.commands())
                .compare("columns", before.columns(), after.columns())
                .compare("budgets", before.budgets(), after.budgets())
                .compare("bot_identity", before.botIdentity(), after.botIdentity())
                .names();
    }

    /** Required by Axon. */
    protected Project() {
    }
}
