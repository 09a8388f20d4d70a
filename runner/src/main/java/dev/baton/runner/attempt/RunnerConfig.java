package dev.baton.runner.attempt;

import dev.baton.core.common.ProjectScoped;
import dev.baton.runner.change.ChangeRecorder;
import dev.baton.runner.change.DiffLimits;
import dev.baton.runner.change.DiffReader;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.moxxy.MoxxyAccess;
import dev.baton.runner.process.AgentSandbox;
import dev.baton.runner.secret.ProviderKeyAccess;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.WorkspaceManager;
import dev.baton.runner.merge.GitHubClient;
import dev.baton.runner.merge.PullRequestOpener;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The runner's parts that are plain classes, made beans here. */
@Configuration
class RunnerConfig {

    /** The name application.properties gives as the attempt-runner processor's sequencing policy. */
    static final String PROJECT_SEQUENCING = "projectSequencing";

    /**
     * The runner's processor handles each project's events in order on one segment (events of no project by their
     * aggregate), so that a project's attempts are queued in the order they were started. Segments, and so runner
     * nodes, share out the projects.
     */
    @Bean(PROJECT_SEQUENCING)
    SequencingPolicy<EventMessage<?>> attemptRunnerSequencing() {
        return event -> event.getPayload() instanceof ProjectScoped scoped ? scoped.projectId()
                : event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier()
                : event.getIdentifier();
    }

    /** Agents and gates run in the sandbox found at startup (a server that requires one and has none fails here). */
    @Bean
    ProcessSupervisor processSupervisor(RunnerSettings settings) {
        return new ProcessSupervisor(AgentSandbox.detect(settings.sandbox()));
    }

    @Bean
    ChangeRecorder changeRecorder() {
        return new ChangeRecorder(git());
    }

    @Bean
    DiffReader diffReader() {
        return new DiffReader(git(), DiffLimits.DEFAULT);
    }

    private static GitCli git() {
        return new GitCli("git", Duration.ofMinutes(10));
    }

    /** Pull requests go through GitHub's REST API at {@code baton.github.api-url} with {@code baton.github.token}. */
    @Bean
    PullRequestOpener pullRequestOpener(WorkspaceManager workspaces,
                                        @Value("${baton.github.api-url:https://api.github.com}") URI apiUrl,
                                        @Value("${baton.github.token:}") String token) {
        return new PullRequestOpener(workspaces, new GitHubClient(apiUrl, token));
    }

    /**
     * moxxy agents run on the server's connected instance; a runner without one has no moxxy. Provider keys come from
     * the server's accounts; without them, agents get none.
     */
    @Bean
    RunnerParts runnerParts(RunnerSettings settings, AttemptSpecs specs, RunQueue queue, AttemptCommands commands,
                            AttemptLog log, WorkspaceManager workspaces, ProcessSupervisor supervisor,
                            ChangeRecorder changes, DiffReader diffs, ObjectProvider<MoxxyAccess> moxxy,
                            ObjectProvider<ProviderKeyAccess> keys) {
        return new RunnerParts(settings, specs, queue, commands, log, workspaces, supervisor, changes, diffs,
                moxxy.getIfAvailable(() -> username -> Optional.empty()),
                keys.getIfAvailable(() -> username -> ProviderKeyAccess.Keys.NONE));
    }
}
