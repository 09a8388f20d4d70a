package dev.baton.core.agent;

public record FindAgentProfilesQuery(long afterPosition, int limit) {
}
