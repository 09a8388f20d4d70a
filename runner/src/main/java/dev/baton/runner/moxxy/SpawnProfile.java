package dev.baton.runner.moxxy;

/** How a template spawns an ephemeral worker of one role; moxxy requires all six fields. */
public record SpawnProfile(String role, String persona, String provider, String model, String runtimeType,
                           String imageProfile) {
}
