package dev.baton.query.project;

import dev.baton.core.project.BotIdentity;
import dev.baton.core.project.Budgets;
import dev.baton.core.project.Column;
import dev.baton.core.project.ProjectCommands;
import dev.baton.core.project.ProjectSettings;
import dev.baton.core.project.ValidationCheck;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project as the API shows it; {@code counts} (tasks per column) is filled in at read time. */
public record ProjectView(String projectId, String name, String vision, String repoUrl, String localPath,
                          String defaultBranch, ProjectCommands commands, List<Column> columns, Budgets budgets,
                          BotIdentity botIdentity, boolean archived, LastValidation lastValidation,
                          Integer latestPlanVersion, Map<String, Long> counts, Instant createdAt, Instant updatedAt,
                          long version) {

    public record LastValidation(boolean ok, List<ValidationCheck> checks, Instant validatedAt) {
    }

    public static ProjectView created(String projectId, ProjectSettings s, Instant at) {
        return new ProjectView(projectId, s.name(), s.vision(), s.repoUrl(), s.localPath(), s.defaultBranch(),
                s.commands(), s.columns(), s.budgets(), s.botIdentity(), false, null, null, null, at, at, 0);
    }

    public ProjectView withSettings(ProjectSettings s, Instant at, long newVersion) {
        return new ProjectView(projectId, s.name(), s.vision(), s.repoUrl(), s.localPath(), s.defaultBranch(),
                s.commands(), s.columns(), s.budgets(), s.botIdentity(), archived, lastValidation, latestPlanVersion,
                counts, createdAt, at, newVersion);
    }

    public ProjectView archived(Instant at, long newVersion) {
        return new ProjectView(projectId, name, vision, repoUrl, localPath, defaultBranch, commands, columns, budgets,
                botIdentity, true, lastValidation, latestPlanVersion, counts, createdAt, at, newVersion);
    }

    public ProjectView validated(LastValidation validation, long newVersion) {
        return new ProjectView(projectId, name, vision, repoUrl, localPath, defaultBranch, commands, columns, budgets,
                botIdentity, archived, validation, latestPlanVersion, counts, createdAt, updatedAt, newVersion);
    }

    /** Sets the task count of every column (0 for an empty one), in column order. */
    public ProjectView withCounts(Map<String, Long> taskCounts) {
        Map<String, Long> perColumn = new LinkedHashMap<>();
        columns.forEach(column -> perColumn.put(column.id(), taskCounts.getOrDefault(column.id(), 0L)));
        return new ProjectView(projectId, name, vision, repoUrl, localPath, defaultBranch, commands, columns, budgets,
                botIdentity, archived, lastValidation, latestPlanVersion, perColumn, createdAt, updatedAt, version);
    }

    /** With the number of the project plan's latest version (the plans read model knows it). */
    public ProjectView withLatestPlanVersion(Integer planVersion) {
        return new ProjectView(projectId, name, vision, repoUrl, localPath, defaultBranch, commands, columns, budgets,
                botIdentity, archived, lastValidation, planVersion, counts, createdAt, updatedAt, version);
    }

    /** The column whose cards count as finished: {@code done} if the board has one, else the last column. */
    public String doneColumn() {
        return Column.finishing(columns.stream().map(Column::id).toList());
    }
}
