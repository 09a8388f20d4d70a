package dev.baton.core.agent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/** Changes the non-null fields of a profile. */
public record UpdateAgentProfileCommand(@TargetAggregateIdentifier String agentProfileId, String name, String adapter,
                                        String model, List<String> command, Map<String, String> env, String role,
                                        AgentLimits limits) {
}
