package dev.baton.projections.agent;

import dev.baton.core.agent.AgentProfileCreatedEvent;
import dev.baton.core.agent.AgentProfileDeletedEvent;
import dev.baton.core.agent.AgentProfileUpdatedEvent;
import dev.baton.projections.support.ImmediateWrites;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.agent.AgentProfileReadModel;
import dev.baton.query.agent.AgentProfileView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Builds the agent profiles read model. */
@Component
@ProcessingGroup(AgentProfileProjection.NAME)
public class AgentProfileProjection {

    public static final String NAME = "agent-profiles";
    public static final String[] TABLES = {"rm_agent_profile"};

    private final AgentProfileReadModel profiles;
    private final ProjectionContext context;

    public AgentProfileProjection(AgentProfileReadModel profiles, ProjectionContext context) {
        this.profiles = profiles;
        this.context = context;
    }

    @EventHandler
    void on(AgentProfileCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        profiles.insert(gen(), AgentProfileView.of(event.agentProfileId(), event.settings(), at, at, 0),
                context.position(token));
    }

    @EventHandler
    void on(AgentProfileUpdatedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        int gen = gen();
        AgentProfileView before = profiles.forUpdate(gen, event.agentProfileId())
                .orElseThrow(() -> new IllegalStateException("no agent profile " + event.agentProfileId()));
        profiles.update(gen, AgentProfileView.of(event.agentProfileId(), event.settings(), before.createdAt(), at, version));
    }

    @EventHandler
    void on(AgentProfileDeletedEvent event) {
        profiles.delete(gen(), event.agentProfileId());
    }

    /** Profiles change rarely: they are written at once, in the generation this batch writes. */
    private int gen() {
        return context.batch(NAME, ImmediateWrites::new).gen();
    }
}
