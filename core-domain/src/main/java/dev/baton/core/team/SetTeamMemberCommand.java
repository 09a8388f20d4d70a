package dev.baton.core.team;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a user to the team or changes their role ({@code role}: viewer, member or admin); only an admin may. */
public record SetTeamMemberCommand(@TargetAggregateIdentifier String teamId, String userId, String role,
                                   String actingUserId) {
}
