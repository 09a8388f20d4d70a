package dev.baton.api.attempt;

import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.project.Budgets;
import dev.baton.core.task.Steering;
import dev.baton.core.task.ChecklistItem;
import dev.baton.query.agent.AgentProfileReadModel;
import dev.baton.query.agent.AgentProfileView;
import dev.baton.query.attempt.AttemptReadModel;
import dev.baton.query.attempt.AttemptView;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.board.TaskState;
import dev.baton.query.project.ProjectReadModel;
import dev.baton.query.project.ProjectView;
import dev.baton.query.support.ReadModelUpdates;
import dev.baton.runner.attempt.AttemptSpec;
import dev.baton.runner.attempt.AttemptSpecs;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The runner's view of an attempt, read from the read models, waiting a few seconds at most for what they do not
 * show yet.
 */
@Component
class ReadModelAttemptSpecs implements AttemptSpecs {

    private static final long MAX_WAIT_MS = 10_000;

    private final AttemptReadModel attempts;
    private final TaskReadModel tasks;
    private final ProjectReadModel projects;
    private final AgentProfileReadModel profiles;
    private final ReadModelUpdates updates;

    ReadModelAttemptSpecs(AttemptReadModel attempts, TaskReadModel tasks, ProjectReadModel projects,
                          AgentProfileReadModel profiles, ReadModelUpdates updates) {
        this.attempts = attempts;
        this.tasks = tasks;
        this.projects = projects;
        this.profiles = profiles;
        this.updates = updates;
    }

    @Override
    public AttemptSpec load(String attemptId) {
        Parts parts;
        try {
            parts = updates.awaitUntil(() -> read(attemptId), read -> read.missing() == null, MAX_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptSpecException("interrupted while reading attempt " + attemptId);
        }
        if (parts.missing() != null) {
            throw new AttemptSpecException(parts.missing() + " is not in the read models (waited "
                    + MAX_WAIT_MS / 1000 + " s)");
        }
        return parts.spec(attemptId);
    }

    @Override
    public List<Steering> steering(String taskId) {
        return tasks.task(taskId).map(task -> task.controls().steering()).orElse(List.of());
    }

    @Override
    public Optional<Integer> maxParallelAttempts(String projectId) {
        return projects.project(projectId).map(ProjectView::budgets).map(Budgets::maxParallelAttempts);
    }

    /** What the read models hold now; {@code missing} names the first part they do not (yet) show. */
    private record Parts(AttemptView attempt, TaskState task, ProjectView project, AgentProfileView profile,
                         String missing) {

        AttemptSpec spec(String attemptId) {
            List<String> criteria = task.checklist() == null ? List.of()
                    : task.checklist().stream().map(ChecklistItem::text).toList();
            return new AttemptSpec(attemptId, attempt.taskId(), attempt.projectId(), ProjectRepositories.of(project),
                    attempt.baseBranch() != null ? attempt.baseBranch() : project.defaultBranch(), project.commands(), project.botIdentity(), settingsOf(profile),
                    task.title(), task.description(), criteria, attempt.prompt(), attempt.previousAttemptId(),
                    attempt.feedback(), task.controls().steering());
        }
    }

    /**
     * The runner hears of an attempt from the event stream, possibly before the projections have stored it (or its
     * task, if both were made a moment ago): each part is read, and the caller waits for a missing one.
     */
    private Parts read(String attemptId) {
        AttemptView attempt = attempts.attempt(attemptId).orElse(null);
        if (attempt == null) {
            return new Parts(null, null, null, null, "attempt " + attemptId);
        }
        TaskState task = tasks.task(attempt.taskId()).orElse(null);
        ProjectView project = projects.project(attempt.projectId()).orElse(null);
        AgentProfileView profile = profiles.profile(attempt.agentProfileId()).orElse(null);
        String missing = task == null ? "task " + attempt.taskId()
                : project == null ? "project " + attempt.projectId()
                : profile == null ? "agent profile " + attempt.agentProfileId() : null;
        return new Parts(attempt, task, project, profile, missing);
    }

    private static AgentProfileSettings settingsOf(AgentProfileView profile) {
        return new AgentProfileSettings(profile.name(), profile.adapter(), profile.model(), profile.command(),
                profile.env(), profile.role(), profile.limits());
    }
}
