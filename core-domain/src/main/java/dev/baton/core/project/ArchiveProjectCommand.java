package dev.baton.core.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveProjectCommand(@TargetAggregateIdentifier String projectId, boolean purgeWorkspaces) {
}
