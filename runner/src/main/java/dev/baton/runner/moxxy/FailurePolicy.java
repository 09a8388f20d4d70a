package dev.baton.runner.moxxy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A template's or agent's default failure policy; moxxy stores it but its executor does not read it. */
public enum FailurePolicy {
    AUTO_REPLAN, FAIL_FAST, BEST_EFFORT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
