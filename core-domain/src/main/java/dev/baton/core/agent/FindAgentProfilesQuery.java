package dev.baton.core.agent;

/**
 * A page of agent profiles. With {@code viewerId} set (accounts on), only those the viewer may see: their own and
 * their teams'; an administrator ({@code viewerIsAdmin}) also sees those without owner.
 */
public record FindAgentProfilesQuery(long afterPosition, int limit, String viewerId, boolean viewerIsAdmin) {

    public FindAgentProfilesQuery(long afterPosition, int limit) {
        this(afterPosition, limit, null, false);
    }
}
