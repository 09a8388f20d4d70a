package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent ended with {@code agentExitCode}; the project's gates (install, test, lint) run next. */
public record StartAttemptGatesCommand(@TargetAggregateIdentifier String attemptId, int agentExitCode) {
}
