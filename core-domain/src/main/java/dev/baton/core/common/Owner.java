package dev.baton.core.common;

/**
 * Who a project or an agent profile belongs to: a user ({@code kind} user) or a team ({@code kind} team), by id.
 * Those made while accounts were off have none.
 */
public record Owner(String kind, String id) {

    public static final String USER = "user";
    public static final String TEAM = "team";

    public static Owner user(String userId) {
        return new Owner(USER, userId);
    }

    public static Owner team(String teamId) {
        return new Owner(TEAM, teamId);
    }

    /** The owner if it is well formed (null stays null: no owner). */
    public static Owner checked(Owner owner) {
        if (owner != null && (!(USER.equals(owner.kind()) || TEAM.equals(owner.kind())) || owner.id() == null
                || owner.id().isBlank())) {
            throw DomainException.invalidField("owner", "an owner is a user or a team, by id");
        }
        return owner;
    }
}
