package dev.baton.core.project;

import dev.baton.core.common.Owner;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Creates a project; {@code owner} is the user or team it belongs to (null while accounts are off). */
public record CreateProjectCommand(@TargetAggregateIdentifier String projectId, String name, String vision,
                                   String repoUrl, String localPath, String defaultBranch, ProjectCommands commands,
                                   List<Column> columns, Budgets budgets, BotIdentity botIdentity,
                                   Owner owner) {

    public CreateProjectCommand(String projectId, String name, String vision, String repoUrl, String localPath,
                                String defaultBranch, ProjectCommands commands, List<Column> columns, Budgets budgets,
                                BotIdentity botIdentity) {
        this(projectId, name, vision, repoUrl, localPath, defaultBranch, commands, columns, budgets, botIdentity, null);
    }
}
