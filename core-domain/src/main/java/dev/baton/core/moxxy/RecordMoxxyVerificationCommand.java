package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The stored connection was checked again at {@code at}: {@code problem} says why it failed, null when it answered. */
public record RecordMoxxyVerificationCommand(@TargetAggregateIdentifier String connectionId, Instant at,
                                             String problem) {
}
