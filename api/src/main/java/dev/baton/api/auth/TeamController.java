package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.core.common.DomainException;
import dev.baton.core.team.CreateTeamCommand;
import dev.baton.core.team.RemoveTeamMemberCommand;
import dev.baton.core.team.SetTeamMemberCommand;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import dev.baton.query.support.Page;
import dev.baton.query.access.UserView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/**
 * Teams: the caller's teams, a new team (its creator is its admin), members added, re-roled or removed by an admin.
 * A team the caller is not in does not exist for them. The member is named by user id or by username.
 */
@RestController
@RequestMapping("/api/v1/teams")
class TeamController {

    record NewTeamBody(String name) {
    }

    record MemberBody(String role) {
    }

    private final Accounts accounts;
    private final AccessDirectory directory;
    private final CommandSender commands;
    private final HttpServletRequest request;

    TeamController(Accounts accounts, AccessDirectory directory, CommandSender commands, HttpServletRequest request) {
        this.accounts = accounts;
        this.directory = directory;
        this.commands = commands;
        this.request = request;
    }

    @GetMapping
    Envelope list() {
        Caller caller = accounts.caller(request);
        return Envelope.ok(new Page<>(directory.teams(caller.userId()), null));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@RequestBody NewTeamBody body) {
        Caller caller = accounts.caller(request);
        String teamId = UUID.randomUUID().toString();
        commands.create(new CreateTeamCommand(teamId, body.name(), caller.userId()));
        return Envelope.ok(Map.of("team_id", teamId, "version", 0));
    }

    /** The team's members and their roles: any member may see who else is in it. */
    @GetMapping("/{teamId}/members")
    Envelope members(@PathVariable String teamId) {
        member(teamId);
        return Envelope.ok(new Page<>(directory.members(teamId), null));
    }

    @PutMapping("/{teamId}/members/{user}")
    Envelope setMember(@PathVariable String teamId, @PathVariable String user, @RequestBody MemberBody body) {
        Caller caller = member(teamId);
        UserView member = accounts.user(user);
        long version = commands.send(new SetTeamMemberCommand(teamId, member.userId(), body.role(), caller.userId()));
        return Envelope.ok(Map.of("team_id", teamId, "user_id", member.userId(), "role", body.role(),
                "version", version));
    }

    @DeleteMapping("/{teamId}/members/{user}")
    Envelope removeMember(@PathVariable String teamId, @PathVariable String user) {
        Caller caller = member(teamId);
        UserView member = accounts.user(user);
        long version = commands.send(new RemoveTeamMemberCommand(teamId, member.userId(), caller.userId()));
        return Envelope.ok(Map.of("status", "removed", "version", version));
    }

    /** The caller, if they are in the team: else the team does not exist for them. */
    private Caller member(String teamId) {
        Caller caller = accounts.caller(request);
        if (directory.role(teamId, caller.userId()).isEmpty()) {
            throw DomainException.notFound("team", teamId);
        }
        return caller;
    }
}
