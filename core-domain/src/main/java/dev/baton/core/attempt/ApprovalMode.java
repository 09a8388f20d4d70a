package dev.baton.core.attempt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an approved attempt reaches the target branch: merged by Baton, or through a pull request. */
public enum ApprovalMode {
    MERGE, PR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApprovalMode> fromId(String id) {
        return Arrays.stream(values()).filter(mode -> mode.id().equals(id)).findFirst();
    }
}
