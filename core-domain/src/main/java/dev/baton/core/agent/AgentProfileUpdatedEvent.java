package dev.baton.core.agent;

import java.util.List;

public record AgentProfileUpdatedEvent(String agentProfileId, AgentProfileSettings settings, List<String> changed) {
}
