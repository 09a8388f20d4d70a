package dev.baton.core.team;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a team; the user creating it is its first admin. */
public record CreateTeamCommand(@TargetAggregateIdentifier String teamId, String name, String creatorId) {
}
