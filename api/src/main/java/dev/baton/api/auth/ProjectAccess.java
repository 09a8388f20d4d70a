package dev.baton.api.auth;

import dev.baton.command.directory.BoardDirectory;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.Owner;
import dev.baton.core.team.TeamRole;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Whether the caller may see or change a project, or something of a project (a task, attempt, plan, graph, run or
 * moxxy job), or an agent profile (an owned root like a project): its owner may, and its team's members (a viewer
 * only reads); an administrator may also reach those made while accounts were off. Anything else answers exactly as an unknown id does ({@code NOT_FOUND}), so
 * that existence does not leak; a viewer's change is {@code FORBIDDEN}. With accounts off everyone may do anything.
 */
@Component
public class ProjectAccess {

    private final AuthSettings settings;
    private final AccessDirectory directory;
    private final BoardDirectory board;

    ProjectAccess(AuthSettings settings, AccessDirectory directory, BoardDirectory board) {
        this.settings = settings;
        this.directory = directory;
        this.board = board;
    }

    public void project(HttpServletRequest request, String projectId, boolean write) {
        if (settings.enabled()) {
            check(CurrentCaller.require(request), projectId, write, "project", projectId);
        }
    }

    /** {@code what} names the resource in the refusal (task, attempt, ...), as an unknown id would be named. */
    public void resource(HttpServletRequest request, String what, String resourceId, boolean write) {
        resource(request, what, resourceId, resourceId, write);
    }

    /**
     * As {@link #resource(HttpServletRequest, String, String, boolean)}, for something filed under another
     * resource: an artifact {@code id} under its attempt {@code filedUnder}.
     */
    public void resource(HttpServletRequest request, String what, String id, String filedUnder, boolean write) {
        if (settings.enabled()) {
            Caller caller = CurrentCaller.require(request);
            String projectId = directory.projectOf(filedUnder).orElseThrow(() -> DomainException.notFound(what, id));
            check(caller, projectId, write, what, id);
        }
    }

    /**
     * Using an agent profile (for a task, an attempt, a run) needs the right to see it: someone else's profile answers
     * as an unknown one. Null uses none.
     */
    public void useProfile(HttpServletRequest request, String agentProfileId) {
        if (agentProfileId != null) {
            resource(request, "agent profile", agentProfileId, false);
        }
    }

    /** As {@link #useProfile}, for an attempt on {@code taskId}: without a profile of its own it uses the task's. */
    public void useProfileFor(HttpServletRequest request, String agentProfileId, String taskId) {
        useProfile(request, agentProfileId != null ? agentProfileId
                : board.task(taskId).map(BoardDirectory.TaskEntry::agentProfileId).orElse(null));
    }

    /**
     * The owner of a new project or agent profile: the team named (the caller must be able to write in it), else the
     * caller.
     */
    public Optional<Owner> newOwner(HttpServletRequest request, String teamId) {
        if (!settings.enabled()) {
            if (teamId != null) {
                throw DomainException.invalidState("accounts are off on this server: nothing can belong to a team");
            }
            return Optional.empty();
        }
        Caller caller = CurrentCaller.require(request);
        if (teamId == null) {
            return Optional.of(Owner.user(caller.userId()));
        }
        TeamRole role = directory.role(teamId, caller.userId()).map(TeamRole::checked)
                .orElseThrow(() -> DomainException.notFound("team", teamId));
        if (!role.writes()) {
            throw DomainException.forbidden("a viewer of team " + teamId + " cannot create anything for it");
        }
        return Optional.of(Owner.team(teamId));
    }

    /**
     * Whether the caller may see an event or an aggregate: of a project ({@code projectId}, or the one its aggregate
     * is filed under) if they may read that project; of no project if it is their own account or one of their teams,
     * or if they are an administrator.
     */
    public boolean sees(HttpServletRequest request, String projectId, String aggregateId) {
        if (!settings.enabled()) {
            return true;
        }
        Caller caller = CurrentCaller.require(request);
        String project = projectId != null ? projectId : directory.projectOf(aggregateId).orElse(null);
        if (project != null) {
            return rights(caller, project) != Rights.NONE;
        }
        return caller.admin() || caller.userId().equals(aggregateId)
                || directory.role(aggregateId, caller.userId()).isPresent();
    }

    private enum Rights { NONE, READ, WRITE }

    private void check(Caller caller, String projectId, boolean write, String what, String id) {
        Rights rights = rights(caller, projectId);
        if (rights == Rights.NONE) {
            throw DomainException.notFound(what, id);
        }
        if (write && rights == Rights.READ) {
            throw DomainException.forbidden("a viewer of the team that owns this " + what + " can read it, not change"
                    + " it");
        }
    }

    private Rights rights(Caller caller, String projectId) {
        String[] owner = directory.owner(projectId).orElse(null);
        if (owner == null) {
            return Rights.NONE;
        }
        if (owner[1] == null) {
            return caller.admin() ? Rights.WRITE : Rights.NONE;
        }
        if (Owner.USER.equals(owner[0])) {
            return owner[1].equals(caller.userId()) ? Rights.WRITE : Rights.NONE;
        }
        return directory.role(owner[1], caller.userId()).map(TeamRole::checked)
                .map(role -> role.writes() ? Rights.WRITE : Rights.READ).orElse(Rights.NONE);
    }
}
