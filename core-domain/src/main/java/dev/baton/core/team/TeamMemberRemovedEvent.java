package dev.baton.core.team;

/** A user left the team or was removed from it. */
public record TeamMemberRemovedEvent(String teamId, String userId) {
}
