package dev.baton.runner.moxxy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A template's or agent's default merge policy; moxxy stores it but its executor does not read it. */
public enum MergePolicy {
    MANUAL_APPROVAL, AUTO_ON_REVIEW_PASS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
