package dev.baton.core.team;

import dev.baton.core.common.DomainException;

import java.util.Arrays;
import java.util.Locale;

/** What a team member may do with the team's projects: viewers read, members also write, admins also manage members. */
public enum TeamRole {
    VIEWER, MEMBER, ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean writes() {
        return this != VIEWER;
    }

    /** The role named by {@code id}, or a refusal naming the field {@code role}. */
    public static TeamRole checked(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst()
                .orElseThrow(() -> DomainException.invalidField("role", "role must be viewer, member or admin"));
    }
}
