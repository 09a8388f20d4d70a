package dev.baton.core.agent;

import dev.baton.core.common.Owner;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/** Creates an agent profile; {@code owner} is the user or team it belongs to (null while accounts are off). */
public record CreateAgentProfileCommand(@TargetAggregateIdentifier String agentProfileId, String name, String adapter,
                                        String model, List<String> command, Map<String, String> env, String role,
                                        AgentLimits limits, Owner owner) {

    public CreateAgentProfileCommand(String agentProfileId, String name, String adapter, String model,
                                     List<String> command, Map<String, String> env, String role, AgentLimits limits) {
        this(agentProfileId, name, adapter, model, command, env, role, limits, null);
    }
}
