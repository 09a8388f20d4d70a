package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DisconnectMoxxyCommand(@TargetAggregateIdentifier String connectionId) {
}
