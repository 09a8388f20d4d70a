package dev.baton.api.run;

import jakarta.servlet.http.HttpServletRequest;
import dev.baton.api.auth.ProjectAccess;
import dev.baton.api.stream.SseHub;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.run.CancelRunCommand;
import dev.baton.core.run.NodeStatus;
import dev.baton.core.run.PauseRunCommand;
import dev.baton.core.run.PromoteRunAttemptCommand;
import dev.baton.core.run.ResumeRunCommand;
import dev.baton.core.run.RunOptions;
import dev.baton.core.run.RunTask;
import dev.baton.core.project.ValidationCheck;
import dev.baton.core.run.StartRunCommand;
import dev.baton.query.attempt.AttemptReadModel;
import dev.baton.query.attempt.AttemptView;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.plan.GraphView;
import dev.baton.query.plan.PlanReadModel;
import dev.baton.query.project.ProjectReadModel;
import dev.baton.query.project.ProjectView;
import dev.baton.query.run.RunNodeView;
import dev.baton.query.run.RunReadModel;
import dev.baton.query.run.RunView;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.support.ReadModelUpdates;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.project.ProjectValidator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Orchestration runs: run a confirmed graph, follow it (state, diagram, live events), pause, resume, cancel it. */
@RestController
@RequestMapping("/api/v1")
class RunController {

    record PromoteBody(String attemptId) {
    }

    record RunBody(Integer maxAgents, String targetBranch, String agentProfileId, String mergePolicy,
                   String failurePolicy, Integer retryLimit) {
    }

    /** How long a run of a graph compiled a moment ago waits for the graph (and its project) to reach the read models. */
    private static final long GRAPH_WAIT_MS = 5_000;
    private final CommandSender commands;
    private final PlanReadModel plans;
    private final ProjectReadModel projects;
    private final RunReadModel runs;
    private final ReadModelUpdates updates;
    private final ReadYourWrites readYourWrites;
    private final ProjectValidator validator;
    private final SseHub hub;
    private final TaskReadModel tasks;
    private final AttemptReadModel attempts;
    private final AttemptLog log;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    RunController(CommandSender commands, PlanReadModel plans, ProjectReadModel projects, RunReadModel runs,
                  ReadModelUpdates updates, ReadYourWrites readYourWrites, ProjectValidator validator, SseHub hub,
                  TaskReadModel tasks, AttemptReadModel attempts, AttemptLog log, ProjectAccess access,
                  HttpServletRequest request) {
        this.log = log;
        this.access = access;
        this.request = request;
        this.tasks = tasks;
        this.attempts = attempts;
        this.commands = commands;
        this.plans = plans;
        this.projects = projects;
        this.runs = runs;
        this.updates = updates;
        this.readYourWrites = readYourWrites;
        this.validator = validator;
        this.hub = hub;
    }

    @GetMapping("/graphs/{graphId}")
    Envelope graph(@PathVariable String graphId) {
        return Envelope.ok(plans.graph(graphId).orElseThrow(() -> ApiException.notFound("graph", graphId)));
    }

    /**
     * Runs a graph whose plan version was confirmed (its tasks are on the board). The target branch defaults to the
     * project's and must exist; without an agent profile each task runs with its own.
     */
    @PostMapping("/graphs/{graphId}/run")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope run(@PathVariable String graphId, @RequestBody RunBody body) throws InterruptedException {
        GraphView graph = awaitGraph(graphId);
        // the graph's project exists; its read model may show it a moment after the graph's
        ProjectView project = updates.awaitUntil(() -> projects.project(graph.projectId()), Optional::isPresent,
                GRAPH_WAIT_MS).orElseThrow(() -> ApiException.notFound("project", graph.projectId()));
        access.useProfile(request, body.agentProfileId());
        String branch = body.targetBranch() != null ? body.targetBranch() : project.defaultBranch();
        RunOptions options = RunOptions.checked(body.maxAgents(), branch, body.agentProfileId(), body.mergePolicy(),
                body.failurePolicy(), body.retryLimit());
        requireBranch(project, options.targetBranch());
        Map<String, String> idsByKey = new HashMap<>();
        graph.tasks().forEach(task -> idsByKey.put(task.key(), task.taskId()));
        List<RunTask> tasks = graph.tasks().stream().map(task -> new RunTask(task.taskId(), task.key(), task.title(),
                task.dependsOn().stream().map(idsByKey::get).toList())).toList();
        String runId = UUID.randomUUID().toString();
        long version = commands.create(new StartRunCommand(runId, graph.projectId(), graphId, tasks, options));
        return Envelope.ok(Map.of("run_id", runId, "status", "running", "version", version));
    }

    @GetMapping("/projects/{projectId}/runs")
    Envelope ofProject(@PathVariable String projectId, @RequestParam(required = false) Integer limit) {
        return Envelope.ok(Map.of("items", runs.ofProject(projectId, Paging.limit(limit)), "next", Optional.empty()));
    }

    /** The run with its counts per task status, its agents at work, its progress and elapsed time. */
    @GetMapping("/runs/{runId}")
    Envelope get(@PathVariable String runId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        RunView run = readYourWrites.read(minVersion, () -> runs.run(runId), RunView::version)
                .orElseThrow(() -> ApiException.notFound("run", runId));
        List<RunNodeView> nodes = runs.nodes(runId);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (NodeStatus status : NodeStatus.values()) {
            counts.put(status.id(), nodes.stream().filter(node -> node.status().equals(status.id())).count());
        }
        List<Map<String, Object>> running = nodes.stream().filter(node -> node.state().equals("running"))
                .map(node -> Map.<String, Object>of("task_id", node.taskId(), "key", node.key(),
                        "attempt_id", node.attemptId(), "paused", node.paused())).toList();
        Instant end = run.finishedAt() != null ? run.finishedAt() : Instant.now();
        Map<String, Object> answer = new LinkedHashMap<>(ReadModelJson.mapper().convertValue(run, Map.class));
        answer.put("counts", counts);
        answer.put("running_agents", running);
        answer.put("progress", Map.of("done", counts.get("done"), "total", nodes.size(),
                "percent", nodes.isEmpty() ? 0 : Math.round(100.0 * counts.get("done") / nodes.size())));
        answer.put("elapsed_ms", Duration.between(run.startedAt(), end).toMillis());
        return Envelope.ok(answer);
    }

    /** The graph of the run with each task's status; an edge goes from a task to one it depends on. */
    @GetMapping("/runs/{runId}/diagram")
    Envelope diagram(@PathVariable String runId) {
        RunView run = runs.run(runId).orElseThrow(() -> ApiException.notFound("run", runId));
        List<RunNodeView> nodes = runs.nodes(runId);
        List<Map<String, String>> edges = nodes.stream().flatMap(node -> node.dependsOn().stream()
                .map(dependency -> Map.of("from", node.taskId(), "to", dependency, "kind", "depends_on"))).toList();
        return Envelope.ok(Map.of("run_id", runId, "status", run.status(), "nodes", nodes, "edges", edges));
    }

    /** Live: the run's state, its tasks' statuses and its attempts' as they change, and its agents' log tails. */
    @GetMapping(path = "/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String runId, @RequestParam(required = false) String after,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        runs.run(runId).orElseThrow(() -> ApiException.notFound("run", runId));
        long cursor = Paging.after(lastEventId != null ? lastEventId : after);
        return hub.subscribe(cursor, new RunStream(runId, runs, log));
    }

    @PostMapping("/runs/{runId}/pause")
    Envelope pause(@PathVariable String runId) {
        return Envelope.ok(Map.of("run_id", runId, "status", "paused", "version", commands.send(new PauseRunCommand(runId))));
    }

    @PostMapping("/runs/{runId}/resume")
    Envelope resume(@PathVariable String runId) {
        return Envelope.ok(Map.of("run_id", runId, "status", "running",
                "version", commands.send(new ResumeRunCommand(runId))));
    }

    @PostMapping("/runs/{runId}/cancel")
    Envelope cancel(@PathVariable String runId) {
        return Envelope.ok(Map.of("run_id", runId, "status", "cancelled",
                "version", commands.send(new CancelRunCommand(runId))));
    }

    /**
     * Picks one of a task's attempts, ready for review, for the merge queue of the run that holds the task (which
     * cancels the task's attempt still at work, if another); outside a run the attempt is approved for a merge.
     */
    @PostMapping("/tasks/{taskId}/promote")
    Envelope promote(@PathVariable String taskId, @RequestBody PromoteBody body) {
        tasks.task(taskId).orElseThrow(() -> ApiException.notFound("task", taskId));
        String attemptId = Checks.required("attempt_id", body.attemptId(), Checks.MAX_NAME);
        AttemptView attempt = attempts.attempt(attemptId).orElseThrow(() -> ApiException.notFound("attempt", attemptId));
        if (!attempt.taskId().equals(taskId)) {
            throw DomainException.invalidField("attempt_id", "attempt " + attemptId + " is not an attempt of task "
                    + taskId);
        }
        if (!attempt.status().equals("review_ready")) {
            throw DomainException.invalidState("attempt " + attemptId + " is " + attempt.status()
                    + ": only an attempt ready for review can be promoted");
        }
        Optional<RunView> run = runs.activeRunOfTask(taskId);
        if (run.isPresent()) {
            long version = commands.send(new PromoteRunAttemptCommand(run.get().runId(), taskId, attemptId));
            return Envelope.ok(Map.of("task_id", taskId, "attempt_id", attemptId, "run_id", run.get().runId(),
                    "status", "queued", "version", version));
        }
        long version = commands.send(new ApproveAttemptCommand(attemptId, "merge"));
        return Envelope.ok(Map.of("task_id", taskId, "attempt_id", attemptId, "status", "merging", "version", version));
    }

    private GraphView awaitGraph(String graphId) throws InterruptedException {
        return updates.awaitUntil(() -> plans.graph(graphId), Optional::isPresent, GRAPH_WAIT_MS)
                .orElseThrow(() -> ApiException.notFound("graph", graphId));
    }

    private void requireBranch(ProjectView project, String branch) {
        validator.validate(project.repoUrl(), project.localPath(), branch, project.commands()).stream()
                .filter(check -> check.name().equals("branch") && !check.ok()).map(ValidationCheck::message)
                .findFirst().ifPresent(problem -> {
                    throw DomainException.invalidField("target_branch", problem);
                });
    }
}
