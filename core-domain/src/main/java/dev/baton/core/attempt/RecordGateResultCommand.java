package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One gate ran: its name ({@code install}, {@code test}, {@code lint}), exit code, duration and stored output. */
public record RecordGateResultCommand(@TargetAggregateIdentifier String attemptId, String gate, int exitCode,
                                      long durationMs, String outputRef) {
}
