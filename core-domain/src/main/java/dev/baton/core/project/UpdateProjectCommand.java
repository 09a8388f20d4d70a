package dev.baton.core.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Changes the non-null fields; a repository location given here replaces the other kind. */
public record UpdateProjectCommand(@TargetAggregateIdentifier String projectId, String name, String vision,
                                   String repoUrl, String localPath, String defaultBranch, ProjectCommands commands,
                                   List<Column> columns, Budgets budgets, BotIdentity botIdentity) {
}
