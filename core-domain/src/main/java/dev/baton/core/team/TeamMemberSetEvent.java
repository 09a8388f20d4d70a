package dev.baton.core.team;

/** A user is a member of the team with {@code role} (added, or their role changed). */
public record TeamMemberSetEvent(String teamId, String userId, String role) {
}
