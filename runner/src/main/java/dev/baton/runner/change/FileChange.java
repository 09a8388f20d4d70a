package dev.baton.runner.change;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a file differs between the base and the head: in JSON {@code added}, {@code modified}, and so on. */
public enum FileChange {
    ADDED,
    /** Its content, its mode (such as {@code chmod +x}) or its type (a file that became a symbolic link) changed. */
    MODIFIED,
    DELETED,
    RENAMED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
