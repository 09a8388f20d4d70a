package dev.baton.core.agent;

public record AgentProfileDeletedEvent(String agentProfileId) {
}
