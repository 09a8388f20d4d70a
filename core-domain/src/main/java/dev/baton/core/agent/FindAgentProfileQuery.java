package dev.baton.core.agent;

public record FindAgentProfileQuery(String agentProfileId) {
}
