package dev.baton.api.admin;

import dev.baton.api.attempt.ProjectRepositories;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.query.attempt.AttemptReadModel;
import dev.baton.query.attempt.AttemptView;
import dev.baton.query.project.ProjectReadModel;
import dev.baton.runner.attempt.RunnerSettings;
import dev.baton.runner.workspace.AttemptWorkspace;
import dev.baton.runner.workspace.CleanupPolicy;
import dev.baton.runner.workspace.DiskUsage;
import dev.baton.runner.workspace.WorkspaceManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes the workspaces of finished attempts by the policy: a merged attempt's ({@code
 * baton.workspaces.remove-after-merge}, default true; the runner removes it right after the merge), any finished
 * attempt's after
 * {@code baton.workspaces.keep-finished} (default 7 days). Runs every {@code baton.workspaces.cleanup-interval}
 * (default an hour) and on demand; branches always stay, so a finished attempt can still be continued.
 */
@Component
public class WorkspaceJanitor implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(WorkspaceJanitor.class.getName());

    /** One workspace on disk: its attempt, the attempt's status (unknown when no attempt has that id) and size. */
    public record WorkspaceEntry(String attemptId, String status, long bytes) {
    }

    private final WorkspaceManager workspaces;
    private final AttemptReadModel attempts;
    private final ProjectReadModel projects;
    private final CleanupPolicy policy;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public WorkspaceJanitor(WorkspaceManager workspaces, AttemptReadModel attempts, ProjectReadModel projects,
                            RunnerSettings settings,
                            @Value("${baton.workspaces.keep-finished:P7D}") Duration keepFinished,
                            @Value("${baton.workspaces.cleanup-interval:PT1H}") Duration interval) {
        this.workspaces = workspaces;
        this.attempts = attempts;
        this.projects = projects;
        this.policy = new CleanupPolicy(settings.removeWorkspaceAfterMerge(), keepFinished);
        this.interval = interval;
    }

    /** Every workspace on disk with its size, and the total. */
    public List<WorkspaceEntry> entries(DiskUsage usage) {
        List<WorkspaceEntry> entries = new ArrayList<>();
        usage.bytesByAttempt().forEach((attemptId, bytes) -> entries.add(new WorkspaceEntry(attemptId,
                attempts.attempt(attemptId).map(AttemptView::status).orElse("unknown"), bytes)));
        entries.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return entries;
    }

    /** Applies the policy now; {@code keepFinished} replaces the configured age when given. Answers the removed. */
    public List<String> cleanUp(Duration keepFinished) {
        CleanupPolicy applied = keepFinished == null ? policy : new CleanupPolicy(policy.removeAfterMerge(), keepFinished);
        List<AttemptWorkspace> candidates = new ArrayList<>();
        for (String attemptId : workspaces.diskUsage().bytesByAttempt().keySet()) {
            attempts.attempt(attemptId).flatMap(this::workspaceOf).ifPresent(candidates::add);
        }
        return workspaces.cleanUp(applied, candidates);
    }

    private Optional<AttemptWorkspace> workspaceOf(AttemptView attempt) {
        return projects.project(attempt.projectId()).map(project -> new AttemptWorkspace(ProjectRepositories.of(project),
                attempt.attemptId(), AttemptStatus.valueOf(attempt.status().toUpperCase(Locale.ROOT)),
                attempt.finishedAt()));
    }

    private void scheduledCleanUp() {
        try {
            List<String> removed = cleanUp(null);
            if (!removed.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "removed the workspaces of " + removed.size() + " finished attempts");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the workspace clean-up failed; trying again later", e);
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-workspace-janitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::scheduledCleanUp, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
