package dev.baton.core.team;

/** A team was created, with {@code creatorId} as its admin. */
public record TeamCreatedEvent(String teamId, String name, String creatorId) {
}
