package dev.baton.core.agent;

import dev.baton.core.common.Owner;

/** A profile was created; {@code owner} is null for one made while accounts were off (and in older events). */
public record AgentProfileCreatedEvent(String agentProfileId, AgentProfileSettings settings, Owner owner) {

    public AgentProfileCreatedEvent(String agentProfileId, AgentProfileSettings settings) {
        this(agentProfileId, settings, null);
    }
}
