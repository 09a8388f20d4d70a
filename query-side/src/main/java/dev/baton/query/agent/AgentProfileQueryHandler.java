package dev.baton.query.agent;

import dev.baton.core.agent.FindAgentProfileQuery;
import dev.baton.core.agent.FindAgentProfilesQuery;
import dev.baton.query.support.Page;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class AgentProfileQueryHandler {

    private final AgentProfileReadModel profiles;

    AgentProfileQueryHandler(AgentProfileReadModel profiles) {
        this.profiles = profiles;
    }

    @QueryHandler
    AgentProfilePage handle(FindAgentProfilesQuery query) {
        Page<AgentProfileReadModel.ProfileRow> rows = Page.of(profiles.profiles(query.afterPosition(), query.limit(),
                        query.viewerId(), query.viewerIsAdmin()),
                query.limit(), row -> String.valueOf(row.createdPosition()));
        return new AgentProfilePage(rows.items().stream().map(AgentProfileReadModel.ProfileRow::profile).toList(), rows.next());
    }

    @QueryHandler
    Optional<AgentProfileView> handle(FindAgentProfileQuery query) {
        return profiles.profile(query.agentProfileId());
    }
}
