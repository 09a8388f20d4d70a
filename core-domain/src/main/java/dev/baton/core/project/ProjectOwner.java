package dev.baton.core.project;

import dev.baton.core.common.DomainException;

/**
 * Who a project belongs to: a user ({@code kind} user) or a team ({@code kind} team), by id. Projects made while
 * accounts were off have none.
 */
public record ProjectOwner(String kind, String id) {

    public static final String USER = "user";
    public static final String TEAM = "team";

    public static ProjectOwner user(String userId) {
        return new ProjectOwner(USER, userId);
    }

    public static ProjectOwner team(String teamId) {
        return new ProjectOwner(TEAM, teamId);
    }

    /** The owner if it is well formed (null stays null: no owner). */
    public static ProjectOwner checked(ProjectOwner owner) {
        if (owner != null && (!(USER.equals(owner.kind()) || TEAM.equals(owner.kind())) || owner.id() == null
                || owner.id().isBlank())) {
            throw DomainException.invalidField("owner", "a project's owner is a user or a team, by id");
        }
        return owner;
    }
}
