package dev.baton.query.access;

/** A member of a team as {@code GET /teams/{team_id}/members} lists them. */
public record TeamMember(String userId, String username, String displayName, String role) {
}
