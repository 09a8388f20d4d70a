package dev.baton.api.plan;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.plan.ArchivePlanVersionCommand;
import dev.baton.core.plan.CompilePlanCommand;
import dev.baton.core.plan.CompiledPlan;
import dev.baton.core.plan.ConfirmPlanCommand;
import dev.baton.core.plan.CompiledTask;
import dev.baton.core.plan.PlanEdge;
import dev.baton.core.plan.PlanIds;
import dev.baton.core.plan.PlanNode;
import dev.baton.core.plan.SavePlanVersionCommand;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.plan.PlanReadModel;
import dev.baton.query.plan.PlanVersionView;
import dev.baton.query.support.ReadModelUpdates;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans: save a project's canvas as the next version, read any version, compile a version into a task graph,
 * confirm it (its tasks go on the board) or archive it.
 */
@RestController
@RequestMapping("/api/v1")
class PlanController {

    record SaveBody(List<NodeBody> nodes, List<PlanEdge> edges, Map<String, Object> metadata) {

        List<PlanNode> planNodes() {
            return nodes == null ? null : nodes.stream().map(node -> node == null ? null : node.planNode()).toList();
        }
    }

    /** A node as sent: {@code mvp} may be left out (false). */
    record NodeBody(String key, String layer, String title, String notes, List<String> acceptanceCriteria, Boolean mvp,
                    String parent) {

        PlanNode planNode() {
            return new PlanNode(key, layer, title, notes, acceptanceCriteria, Boolean.TRUE.equals(mvp), parent);
        }
    }

    record CompileBody(String mode, Integer version) {
    }

    record ConfirmBody(Integer version, String graphId) {
    }

    record ArchiveBody(Integer version) {
    }

    /** How long a read waits for a version just saved, and a confirmation for its tasks to reach the board. */
    private static final long WAIT_MS = 5_000;
    /** A version this far above the latest one the read model shows may just have been saved: it is waited for. */
    private static final int JUST_SAVED = 3;
    private final CommandSender commands;
    private final PlanReadModel plans;
    private final TaskReadModel tasks;
    private final ReadModelUpdates updates;
    private final ReadYourWrites readYourWrites;

    PlanController(CommandSender commands, PlanReadModel plans, TaskReadModel tasks, ReadModelUpdates updates,
                   ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.plans = plans;
        this.tasks = tasks;
        this.updates = updates;
    }

    /** The project's plan gets the canvas as its next version; {@code version} is that version's number. */
    @PostMapping("/projects/{projectId}/plans")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope save(@PathVariable String projectId, @RequestBody SaveBody body) {
        String planId = PlanIds.ofProject(projectId);
        int version = commands.ask(new SavePlanVersionCommand(planId, projectId, body.planNodes(), body.edges(),
                body.metadata()), Integer.class);
        return Envelope.ok(Map.of("plan_id", planId, "version", version));
    }

    /** A version ({@code ?version=}, else the latest); one just saved is waited for, a few seconds at most. */
    @GetMapping("/plans/{planId}")
    Envelope get(@PathVariable String planId, @RequestParam(required = false) Integer version,
                 @RequestParam(name = "min_version", required = false) Long minVersion) throws InterruptedException {
        if (version != null && version < 1) {
            throw ApiException.badParameter("version", "version is a number from 1");
        }
        readYourWrites.read(minVersion, () -> plans.lastSequence(planId), Long::longValue);
        Optional<PlanVersionView> latest = plans.version(planId, null);
        boolean justSaved = version != null && version > latest.map(PlanVersionView::planVersion).orElse(0)
                && version <= latest.map(PlanVersionView::planVersion).orElse(0) + JUST_SAVED;
        Optional<PlanVersionView> plan = version == null ? latest : justSaved
                ? updates.awaitUntil(() -> plans.version(planId, version), Optional::isPresent, WAIT_MS)
                : plans.version(planId, version);
        return Envelope.ok(plan.orElseThrow(() -> version == null ? ApiException.notFound("plan", planId)
                : ApiException.notFound("plan version", planId + " v" + version)));
    }

    @PostMapping("/plans/{planId}/compile")
    Envelope compile(@PathVariable String planId, @RequestBody(required = false) CompileBody body) {
        CompileBody compile = body == null ? new CompileBody(null, null) : body;
        CompiledPlan compiled = commands.ask(new CompilePlanCommand(planId, compile.version(),
                compile.mode() == null ? "full" : compile.mode()), CompiledPlan.class);
        return Envelope.ok(graphAnswer(compiled));
    }

    /**
     * Freezes the version with its graph; answers once the graph's tasks are on the board (or, should placing them
     * take longer than a few seconds, with {@code tasks_on_board} below the graph's size: they keep coming).
     */
    @PostMapping("/plans/{planId}/confirm")
    Envelope confirm(@PathVariable String planId, @RequestBody(required = false) ConfirmBody body)
            throws InterruptedException {
        ConfirmBody confirm = body == null ? new ConfirmBody(null, null) : body;
        CompiledPlan confirmed = commands.ask(new ConfirmPlanCommand(planId, confirm.version(), confirm.graphId()),
                CompiledPlan.class);
        List<String> ids = confirmed.tasks().stream().map(CompiledTask::taskId).toList();
        long onBoard = updates.awaitUntil(() -> ids.stream().filter(id -> tasks.task(id).isPresent()).count(),
                count -> count == ids.size(), WAIT_MS);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "confirmed");
        answer.putAll(graphAnswer(confirmed));
        answer.put("tasks_on_board", onBoard);
        return Envelope.ok(answer);
    }

    @PostMapping("/plans/{planId}/archive")
    Envelope archive(@PathVariable String planId, @RequestBody(required = false) ArchiveBody body) {
        long version = commands.send(new ArchivePlanVersionCommand(planId, body == null ? null : body.version()));
        return Envelope.ok(Map.of("plan_id", planId, "status", "archived", "version", version));
    }

    private static Map<String, Object> graphAnswer(CompiledPlan plan) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("graph_id", plan.graphId());
        answer.put("plan_id", plan.planId());
        answer.put("plan_version", plan.planVersion());
        answer.put("mode", plan.mode());
        answer.put("tasks", plan.tasks());
        answer.put("version", plan.version());
        return answer;
    }
}
