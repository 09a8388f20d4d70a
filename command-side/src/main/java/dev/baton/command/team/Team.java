package dev.baton.command.team;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.team.CreateTeamCommand;
import dev.baton.core.team.RemoveTeamMemberCommand;
import dev.baton.core.team.SetTeamMemberCommand;
import dev.baton.core.team.TeamCreatedEvent;
import dev.baton.core.team.TeamMemberRemovedEvent;
import dev.baton.core.team.TeamMemberSetEvent;
import dev.baton.core.team.TeamRole;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A team and its members' roles. Only an admin changes the members; a member may leave; a team always keeps at
 * least one admin. Someone outside the team is told it does not exist.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate
public class Team {

    @AggregateIdentifier
    private String teamId;
    private Map<String, TeamRole> members = new HashMap<>();

    /** Axon loads a team with this constructor. */
    public Team() {
    }

    @CommandHandler
    public Team(CreateTeamCommand command) {
        String name = Checks.required("name", command.name(), Checks.MAX_NAME);
        Checks.required("creator_id", command.creatorId(), Checks.MAX_NAME);
        apply(new TeamCreatedEvent(command.teamId(), name, command.creatorId()));
    }

    @CommandHandler
    public Long handle(SetTeamMemberCommand command) {
        requireAdmin(command.actingUserId());
        TeamRole role = TeamRole.checked(command.role());
        TeamRole current = members.get(command.userId());
        if (current == role) {
            return AggregateLifecycle.getVersion();
        }
        if (current == TeamRole.ADMIN) {
            requireAnotherAdmin(command.userId(), "demote");
        }
        apply(new TeamMemberSetEvent(teamId, command.userId(), role.id()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RemoveTeamMemberCommand command) {
        if (!command.userId().equals(command.actingUserId())) {
            requireAdmin(command.actingUserId());
        }
        TeamRole current = members.get(command.userId());
        if (current == null) {
            throw DomainException.notFound("member", command.userId());
        }
        if (current == TeamRole.ADMIN) {
            requireAnotherAdmin(command.userId(), "remove");
        }
        apply(new TeamMemberRemovedEvent(teamId, command.userId()));
        return AggregateLifecycle.getVersion();
    }

    private void requireAdmin(String userId) {
        TeamRole role = members.get(userId);
        if (role == null) {
            throw DomainException.notFound("team", teamId);
        }
        if (role != TeamRole.ADMIN) {
            throw DomainException.forbidden("only a team admin can change the members of team " + teamId);
        }
    }

    private void requireAnotherAdmin(String userId, String change) {
        boolean another = members.entrySet().stream()
                .anyMatch(member -> member.getValue() == TeamRole.ADMIN && !member.getKey().equals(userId));
        if (!another) {
            throw DomainException.invalidState("cannot " + change + " the last admin of team " + teamId
                    + ": make someone else admin first");
        }
    }

    @EventSourcingHandler
    void on(TeamCreatedEvent event) {
        teamId = event.teamId();
        members.put(event.creatorId(), TeamRole.ADMIN);
    }

    @EventSourcingHandler
    void on(TeamMemberSetEvent event) {
        members.put(event.userId(), TeamRole.checked(event.role()));
    }

    @EventSourcingHandler
    void on(TeamMemberRemovedEvent event) {
        members.remove(event.userId());
    }
}
