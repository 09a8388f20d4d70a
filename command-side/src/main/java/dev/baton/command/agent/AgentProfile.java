package dev.baton.command.agent;

import dev.baton.command.directory.BoardDirectory;
import dev.baton.core.agent.AgentProfileCreatedEvent;
import dev.baton.core.agent.AgentProfileDeletedEvent;
import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.agent.AgentProfileUpdatedEvent;
import dev.baton.core.agent.CreateAgentProfileCommand;
import dev.baton.core.agent.DeleteAgentProfileCommand;
import dev.baton.core.agent.UpdateAgentProfileCommand;
import dev.baton.core.common.ChangedFields;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.common.Owner;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** A named, reusable agent configuration that tasks are assigned to. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE) // snapshots serialize the fields
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class AgentProfile {

    @AggregateIdentifier
    private String agentProfileId;
    private AgentProfileSettings settings;
    /** The user or team it belongs to; null for a profile made while accounts were off. */
    private Owner owner;

    @CommandHandler
    public AgentProfile(CreateAgentProfileCommand command, BoardDirectory directory) {
        AgentProfileSettings settings = AgentProfileSettings.checked(command.name(), command.adapter(), command.model(),
                command.command(), command.env(), command.role(), command.limits());
        Owner owner = Owner.checked(command.owner());
        requireUniqueName(directory, settings.name(), owner, command.agentProfileId());
        apply(new AgentProfileCreatedEvent(command.agentProfileId(), settings, owner));
    }

    @CommandHandler
    public Long handle(UpdateAgentProfileCommand command, BoardDirectory directory) {
        AgentProfileSettings updated = settings.with(command.name(), command.adapter(), command.model(),
                command.command(), command.env(), command.role(), command.limits());
        requireUniqueName(directory, updated.name(), owner, agentProfileId);
        List<String> changed = changedFields(settings, updated);
        if (!changed.isEmpty()) {
            apply(new AgentProfileUpdatedEvent(agentProfileId, updated, changed));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(DeleteAgentProfileCommand command) {
        apply(new AgentProfileDeletedEvent(agentProfileId));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(AgentProfileCreatedEvent event) {
        agentProfileId = event.agentProfileId();
        settings = event.settings();
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(AgentProfileUpdatedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(AgentProfileDeletedEvent event) {
        markDeleted();
    }

    /** Names are unique among one owner's profiles: others' names are none of the owner's business. */
    private static void requireUniqueName(BoardDirectory directory, String name, Owner owner, String agentProfileId) {
        if (directory.agentProfileNameTaken(name, owner == null ? null : owner.id(), agentProfileId)) {
            throw new DomainException(ErrorCode.CONFLICT, "an agent profile named " + name + " already exists",
                    Map.of("fields", List.of("name")));
        }
    }

    private static List<String> changedFields(AgentProfileSettings before, AgentProfileSettings after) {
        return new ChangedFields()
                .compare("name", before.name(), after.name())
                .compare("adapter", before.adapter(), after.adapter())
                .compare("model", before.model(), after.model())
                .compare("command", before.command(), after.command())
                .compare("env", before.env(), after.env())
                .compare("role", before.role(), after.role())
                .compare("limits", before.limits(), after.limits())
                .names();
    }

    /** Required by Axon. */
    protected AgentProfile() {
    }
}
