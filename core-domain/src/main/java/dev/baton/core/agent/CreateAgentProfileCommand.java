package dev.baton.core.agent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

public record CreateAgentProfileCommand(@TargetAggregateIdentifier String agentProfileId, String name, String adapter,
                                        String model, List<String> command, Map<String, String> env, String role,
                                        AgentLimits limits) {
}
