package dev.baton.core.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record CreateProjectCommand(@TargetAggregateIdentifier String projectId, String name, String vision,
                                   String repoUrl, String localPath, String defaultBranch, ProjectCommands commands,
                                   List<Column> columns, Budgets budgets, BotIdentity botIdentity) {
}
