package dev.baton.api.agent;

import dev.baton.api.auth.CurrentCaller;
import dev.baton.api.auth.ProjectAccess;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.agent.AgentLimits;
import dev.baton.core.agent.CreateAgentProfileCommand;
import dev.baton.core.agent.DeleteAgentProfileCommand;
import dev.baton.core.agent.FindAgentProfileQuery;
import dev.baton.core.agent.FindAgentProfilesQuery;
import dev.baton.core.agent.UpdateAgentProfileCommand;
import dev.baton.core.common.Owner;
import dev.baton.query.access.Caller;
import dev.baton.query.agent.AgentProfilePage;
import dev.baton.query.agent.AgentProfileView;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/agents")
class AgentProfileController {

    /**
     * POST and PATCH body; on PATCH an absent or null field stays as it is. {@code teamId} (POST only) makes the
     * profile the team's; without it, it is the caller's.
     */
    record AgentProfileBody(String name, String adapter, String model, List<String> command, Map<String, String> env,
                            String role, AgentLimits limits, String teamId) {
    }

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    AgentProfileController(CommandSender commands, QueryGateway queries, ReadYourWrites readYourWrites,
                           ProjectAccess access, HttpServletRequest request) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.access = access;
        this.request = request;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@RequestBody AgentProfileBody body) {
        Owner owner = access.newOwner(request, body.teamId()).orElse(null);
        String id = UUID.randomUUID().toString();
        long version = commands.create(new CreateAgentProfileCommand(id, body.name(), body.adapter(), body.model(),
                body.command(), body.env(), body.role(), body.limits(), owner));
        return Envelope.ok(Map.of("agent_profile_id", id, "version", version));
    }

    @GetMapping
    Envelope list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
        Caller viewer = CurrentCaller.of(request).orElse(null);
        AgentProfilePage page = queries.query(new FindAgentProfilesQuery(Paging.after(after), Paging.limit(limit),
                        viewer == null ? null : viewer.userId(), viewer != null && viewer.admin()),
                ResponseTypes.instanceOf(AgentProfilePage.class)).join();
        return Envelope.ok(page);
    }

    @GetMapping("/{agentProfileId}")
    Envelope get(@PathVariable String agentProfileId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        return Envelope.ok(readYourWrites.read(minVersion,
                        () -> queries.query(new FindAgentProfileQuery(agentProfileId),
                                ResponseTypes.optionalInstanceOf(AgentProfileView.class)).join(),
                        AgentProfileView::version)
                .orElseThrow(() -> ApiException.notFound("agent profile", agentProfileId)));
    }

    @PatchMapping("/{agentProfileId}")
    Envelope update(@PathVariable String agentProfileId, @RequestBody AgentProfileBody body) {
        if (body.teamId() != null) {
            throw ApiException.badParameter("team_id", "a profile's owner is chosen when it is created");
        }
        long version = commands.send(new UpdateAgentProfileCommand(agentProfileId, body.name(), body.adapter(),
                body.model(), body.command(), body.env(), body.role(), body.limits()));
        return Envelope.ok(Map.of("agent_profile_id", agentProfileId, "version", version));
    }

    @DeleteMapping("/{agentProfileId}")
    Envelope delete(@PathVariable String agentProfileId) {
        long version = commands.send(new DeleteAgentProfileCommand(agentProfileId));
        return Envelope.ok(Map.of("agent_profile_id", agentProfileId, "version", version, "deleted", true));
    }
}
