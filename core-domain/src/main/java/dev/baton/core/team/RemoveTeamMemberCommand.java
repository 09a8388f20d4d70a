package dev.baton.core.team;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a user from the team; an admin may remove anyone, a member only themselves. */
public record RemoveTeamMemberCommand(@TargetAggregateIdentifier String teamId, String userId, String actingUserId) {
}
