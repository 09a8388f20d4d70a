package dev.baton.core.agent;

public record AgentProfileCreatedEvent(String agentProfileId, AgentProfileSettings settings) {
}
