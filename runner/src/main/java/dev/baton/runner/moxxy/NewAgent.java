package dev.baton.runner.moxxy;

/**
 * An agent to create: {@code description} becomes its persona. {@code runtimeType} ({@code native} or
 * {@code wasm}) and {@code imageProfile} ({@code base}, {@code networked} or {@code full}) may be null.
 */
public record NewAgent(String name, String description, String runtimeType, String imageProfile) {
}
