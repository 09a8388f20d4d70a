package dev.baton.query.agent;

import dev.baton.core.agent.AgentLimits;
import dev.baton.core.agent.AgentProfileSettings;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An agent profile as the API shows it. */
public record AgentProfileView(String agentProfileId, String name, String adapter, String model, List<String> command,
                               Map<String, String> env, String role, AgentLimits limits, Instant createdAt,
                               Instant updatedAt, long version) {

    public static AgentProfileView of(String id, AgentProfileSettings s, Instant createdAt, Instant updatedAt, long version) {
        return new AgentProfileView(id, s.name(), s.adapter(), s.model(), s.command(), s.env(), s.role(), s.limits(),
                createdAt, updatedAt, version);
    }
}
