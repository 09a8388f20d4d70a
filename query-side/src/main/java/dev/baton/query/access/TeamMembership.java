package dev.baton.query.access;

/** A team a user belongs to, and their role in it (viewer, member or admin). */
public record TeamMembership(String teamId, String name, String role) {
}
