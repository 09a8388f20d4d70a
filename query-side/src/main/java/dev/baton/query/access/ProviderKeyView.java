package dev.baton.query.access;

import java.time.Instant;

/** A provider key as its owner sees it listed: its name and when it was last set, never its value. */
public record ProviderKeyView(String name, Instant updatedAt) {
}
