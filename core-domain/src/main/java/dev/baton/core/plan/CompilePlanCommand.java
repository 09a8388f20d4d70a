package dev.baton.core.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compiles a version of the plan ({@code planVersion} null: the latest) in {@code mode} {@code mvp} or {@code full}. */
public record CompilePlanCommand(@TargetAggregateIdentifier String planId, Integer planVersion, String mode) {
}
