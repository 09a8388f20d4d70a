package dev.baton.core.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record RecordProjectValidationCommand(@TargetAggregateIdentifier String projectId, List<ValidationCheck> checks) {
}
