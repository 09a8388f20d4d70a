package dev.baton.projections.access;

import dev.baton.core.account.ApiTokenCreatedEvent;
import dev.baton.core.account.ApiTokenRevokedEvent;
import dev.baton.core.account.ExternalIdentityLinkedEvent;
import dev.baton.core.account.PasswordChangedEvent;
import dev.baton.core.account.PasswordExpiredEvent;
import dev.baton.core.account.ProviderKeyRemovedEvent;
import dev.baton.core.account.ProviderKeySetEvent;
import dev.baton.core.account.UserAdminChangedEvent;
import dev.baton.core.account.UserDisabledEvent;
import dev.baton.core.account.UserEnabledEvent;
import dev.baton.core.account.UserRegisteredEvent;
import dev.baton.core.account.UserSignedInEvent;
import dev.baton.core.account.UserSignedOutEvent;
import dev.baton.core.agent.AgentProfileCreatedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.plan.PlanCompiledEvent;
import dev.baton.core.plan.PlanVersionSavedEvent;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.common.Owner;
import dev.baton.core.run.RunStartedEvent;
import dev.baton.core.task.TaskCreatedEvent;
import dev.baton.core.team.TeamCreatedEvent;
import dev.baton.core.team.TeamMemberRemovedEvent;
import dev.baton.core.team.TeamMemberSetEvent;
import dev.baton.core.team.TeamRole;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the {@link AccessDirectory} in step with the account and team events (provider keys included, sealed), the
 * owners of projects, agent profiles and moxxy connections, and the project
 * of every task, attempt, plan, graph, run and moxxy job. Its processing group is a
 * subscribing processor: it runs in the unit of work that stores the event, so who may sign in never lags behind
 * what was decided.
 */
@Component
@ProcessingGroup(AccessDirectoryUpdater.GROUP)
public class AccessDirectoryUpdater {

    public static final String GROUP = "access-directory";
    private final AccessDirectory directory;

    public AccessDirectoryUpdater(AccessDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @Timestamp Instant at) {
        directory.addUser(event.userId(), event.username(), event.displayName(), event.passwordHash(), event.admin(),
                at);
    }

    @EventHandler
    void on(UserAdminChangedEvent event) {
        directory.setAdmin(event.userId(), event.admin());
    }

    @EventHandler
    void on(UserDisabledEvent event) {
        directory.setDisabled(event.userId(), true);
    }

    @EventHandler
    void on(UserEnabledEvent event) {
        directory.setDisabled(event.userId(), false);
    }

    @EventHandler
    void on(PasswordExpiredEvent event) {
        directory.expirePassword(event.userId());
    }

    @EventHandler
    void on(PasswordChangedEvent event) {
        directory.setPassword(event.userId(), event.passwordHash());
    }

    @EventHandler
    void on(UserSignedInEvent event, @Timestamp Instant at) {
        directory.dropExpiredSessions(event.userId(), at);
        directory.addCredential(event.sessionId(), event.userId(), Caller.SESSION, null, event.sessionHash(), at,
                event.expiresAt());
    }

    @EventHandler
    void on(UserSignedOutEvent event, @Timestamp Instant at) {
        directory.revokeCredential(event.sessionId(), at);
    }

    @EventHandler
    void on(ApiTokenCreatedEvent event, @Timestamp Instant at) {
        directory.addCredential(event.tokenId(), event.userId(), Caller.TOKEN, event.name(), event.tokenHash(), at,
                event.expiresAt());
    }

    @EventHandler
    void on(ApiTokenRevokedEvent event, @Timestamp Instant at) {
        directory.revokeCredential(event.tokenId(), at);
    }

    @EventHandler
    void on(ProviderKeySetEvent event, @Timestamp Instant at) {
        directory.setProviderKey(event.userId(), event.name(), event.value(), at);
    }

    @EventHandler
    void on(ProviderKeyRemovedEvent event) {
        directory.removeProviderKey(event.userId(), event.name());
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        addOwned(event.projectId(), event.owner());
    }

    /** A profile is an owned root like a project, filed under itself, so the same checks guard it. */
    @EventHandler
    void on(AgentProfileCreatedEvent event) {
        addOwned(event.agentProfileId(), event.owner());
        directory.addResource(event.agentProfileId(), event.agentProfileId());
    }

    @EventHandler
    void on(TaskCreatedEvent event) {
        directory.addResource(event.taskId(), event.projectId());
    }

    @EventHandler
    void on(AttemptQueuedEvent event) {
        directory.addResource(event.attemptId(), event.projectId());
    }

    @EventHandler
    void on(PlanVersionSavedEvent event) {
        directory.addResource(event.planId(), event.projectId());
    }

    @EventHandler
    void on(PlanCompiledEvent event) {
        directory.addResource(event.graphId(), event.projectId());
    }

    @EventHandler
    void on(RunStartedEvent event) {
        directory.addResource(event.runId(), event.projectId());
    }

    @EventHandler
    void on(MoxxyJobStartedEvent event) {
        directory.addResource(event.jobId(), event.projectId());
    }

    /**
     * A user's moxxy connection is theirs, filed under itself like a profile; the server's one (accounts off) has no
     * owner. Connecting again changes nothing here.
     */
    @EventHandler
    void on(MoxxyConnectedEvent event) {
        addOwned(event.connectionId(), MoxxyConnectionIds.LOCAL.equals(event.owner()) ? null : Owner.user(event.owner()));
        directory.addResource(event.connectionId(), event.connectionId());
    }

    private void addOwned(String id, Owner owner) {
        directory.addProject(id, owner == null ? null : owner.kind(), owner == null ? null : owner.id());
    }

    @EventHandler
    void on(TeamCreatedEvent event, @Timestamp Instant at) {
        directory.addTeam(event.teamId(), event.name(), at);
        directory.setMember(event.teamId(), event.creatorId(), TeamRole.ADMIN.id());
    }

    @EventHandler
    void on(TeamMemberSetEvent event) {
        directory.setMember(event.teamId(), event.userId(), event.role());
    }

    @EventHandler
    void on(TeamMemberRemovedEvent event) {
        directory.removeMember(event.teamId(), event.userId());
    }

    @EventHandler
    void on(ExternalIdentityLinkedEvent event) {
        directory.linkIdentity(event.registrationId(), event.subject(), event.userId());
    }
}
