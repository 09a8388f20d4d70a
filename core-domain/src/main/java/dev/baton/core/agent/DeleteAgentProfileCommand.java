package dev.baton.core.agent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteAgentProfileCommand(@TargetAggregateIdentifier String agentProfileId) {
}
