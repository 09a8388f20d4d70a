package dev.baton.runner.moxxy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which workers an orchestration job uses: named existing agents, ephemeral ones, or both. */
public enum WorkerMode {
    EXISTING, EPHEMERAL, MIXED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
