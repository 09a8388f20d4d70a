package dev.baton.core.project;

/** A board column: a stable id (used by moves and filters) and a display name. */
public record Column(String id, String name) {
}
