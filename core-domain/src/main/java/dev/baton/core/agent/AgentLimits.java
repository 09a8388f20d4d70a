package dev.baton.core.agent;

/** Per-profile limits on one agent run; a null field means "no limit". */
public record AgentLimits(Long maxRuntimeSeconds, Long maxTokens, Double maxCostUsd) {

    public static final AgentLimits NONE = new AgentLimits(null, null, null);
}
