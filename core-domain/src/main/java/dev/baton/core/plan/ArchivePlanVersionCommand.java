package dev.baton.core.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Archives a version ({@code planVersion} null: the latest): it stays readable and can no longer be compiled or confirmed. */
public record ArchivePlanVersionCommand(@TargetAggregateIdentifier String planId, Integer planVersion) {
}
