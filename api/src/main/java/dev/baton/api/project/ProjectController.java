package dev.baton.api.project;

import dev.baton.api.auth.CurrentCaller;
import dev.baton.api.auth.ProjectAccess;
import dev.baton.core.common.Owner;
import dev.baton.query.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.project.ArchiveProjectCommand;
import dev.baton.core.project.CreateProjectCommand;
import dev.baton.core.project.FindProjectQuery;
import dev.baton.core.project.FindProjectsQuery;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.project.ProjectSettings;
import dev.baton.core.project.ProjectUpdatedEvent;
import dev.baton.core.project.RecordProjectValidationCommand;
import dev.baton.core.project.UpdateProjectCommand;
import dev.baton.core.project.ValidationCheck;
import dev.baton.query.plan.PlanReadModel;
import dev.baton.query.project.ProjectPage;
import dev.baton.query.project.ProjectView;
import dev.baton.runner.project.ProjectValidator;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
import java.util.Optional;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final ProjectValidator validator;
    private final EventStore eventStore;
    private final PlanReadModel plans;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    ProjectController(CommandSender commands, QueryGateway queries, ReadYourWrites readYourWrites,
                      ProjectValidator validator, EventStore eventStore, PlanReadModel plans, ProjectAccess access,
                      HttpServletRequest request) {
        this.eventStore = eventStore;
        this.access = access;
        this.request = request;
        this.plans = plans;
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.validator = validator;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@RequestBody ProjectRequests.ProjectBody body) {
        String id = UUID.randomUUID().toString();
        Owner owner = access.newOwner(request, body.teamId()).orElse(null);
        long version = commands.create(new CreateProjectCommand(id, body.name(), body.vision(), body.repoUrl(),
                body.localPath(), body.defaultBranch(), body.commands(), body.columns(), body.budgets(), body.botIdentity(),
                owner));
        return Envelope.ok(new ProjectRequests.Created(id, version));
    }

    @GetMapping
    Envelope list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after,
                  @RequestParam(name = "include_archived", defaultValue = "false") boolean includeArchived) {
        Caller viewer = CurrentCaller.of(request).orElse(null);
        ProjectPage page = queries.query(new FindProjectsQuery(Paging.after(after), Paging.limit(limit), includeArchived,
                        viewer == null ? null : viewer.userId(), viewer != null && viewer.admin()),
                ResponseTypes.instanceOf(ProjectPage.class)).join();
        return Envelope.ok(page);
    }

    /** The project, with its plan's latest version ({@code latest_plan}: id, version and status; null if none). */
    @GetMapping("/{projectId}")
    Envelope get(@PathVariable String projectId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        ProjectView project = readYourWrites.read(minVersion, () -> find(projectId), ProjectView::version)
                .orElseThrow(() -> ApiException.notFound("project", projectId));
        LatestPlan plan = plans.latestOfProject(projectId)
                .map(latest -> new LatestPlan(latest.planId(), latest.planVersion(), latest.status())).orElse(null);
        return Envelope.ok(new ProjectAnswer(project.withLatestPlanVersion(plan == null ? null : plan.version()), plan));
    }

    record ProjectAnswer(@JsonUnwrapped ProjectView project, LatestPlan latestPlan) {
    }

    record LatestPlan(String planId, int version, String status) {
    }

    @PatchMapping("/{projectId}")
    Envelope update(@PathVariable String projectId, @RequestBody ProjectRequests.ProjectBody body) {
        if (body.teamId() != null) {
            throw ApiException.badParameter("team_id", "a project's owner is chosen when it is created");
        }
        long version = commands.send(new UpdateProjectCommand(projectId, body.name(), body.vision(), body.repoUrl(),
                body.localPath(), body.defaultBranch(), body.commands(), body.columns(), body.budgets(), body.botIdentity()));
        return Envelope.ok(Map.of("project_id", projectId, "version", version));
    }

    @DeleteMapping("/{projectId}")
    Envelope archive(@PathVariable String projectId, @RequestParam(defaultValue = "false") boolean purge) {
        long version = commands.send(new ArchiveProjectCommand(projectId, purge));
        return Envelope.ok(Map.of("project_id", projectId, "version", version, "archived", true));
    }

    @PostMapping("/{projectId}/validate")
    Envelope validate(@PathVariable String projectId) {
        ProjectSettings project = currentSettings(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        List<ValidationCheck> checks = validator.validate(project.repoUrl(), project.localPath(),
                project.defaultBranch(), project.commands());
        long version = commands.send(new RecordProjectValidationCommand(projectId, checks));
        return Envelope.ok(new ProjectRequests.Validated(projectId, checks.stream().allMatch(ValidationCheck::ok),
                checks, version));
    }

    /**
     * The project's settings as the event store has them now: a project validated right after it was created or
     * changed is validated as it is, not as the (eventually consistent) read model last saw it.
     */
    private Optional<ProjectSettings> currentSettings(String projectId) {
        ProjectSettings settings = null;
        DomainEventStream events = eventStore.readEvents(projectId, 0);
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            if (payload instanceof ProjectCreatedEvent created) {
                settings = created.settings();
            } else if (payload instanceof ProjectUpdatedEvent updated) {
                settings = updated.settings();
            }
        }
        return Optional.ofNullable(settings);
    }

    private Optional<ProjectView> find(String projectId) {
        return queries.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
    }
}
