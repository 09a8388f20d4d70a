package dev.baton.api.attempt;

import jakarta.servlet.http.HttpServletRequest;
import dev.baton.api.auth.ProjectAccess;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.attempt.FindAttemptQuery;
import dev.baton.core.attempt.FindTaskAttemptsQuery;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.query.attempt.AttemptView;
import dev.baton.query.attempt.TaskAttempts;
import dev.baton.runner.attempt.AttemptArtifacts;
import dev.baton.runner.log.AttemptLog;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Attempts: start one on a task, read it and a task's list, cancel it, continue it (changes, messages), approve it. */
@RestController
@RequestMapping("/api/v1")
class AttemptController {

    record StartBody(String agentProfileId, String prompt, List<String> copyFiles) {
    }

    record CancelBody(String reason) {
    }

    record ApproveBody(String mode) {
    }

    record RequestChangesBody(String feedback) {
    }

    record MessageBody(String text) {
    }

    /** Attempts whose work another attempt can continue: their agent and gates are done and the branch exists. */
    private static final Set<String> CONTINUABLE = Set.of("review_ready", "merged", "pr_created", "failed");
    private static final int RECENT_EVENTS = 20;
    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final AttemptArtifacts artifacts;
    private final AttemptLog log;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    AttemptController(CommandSender commands, QueryGateway queries, ReadYourWrites readYourWrites,
                      AttemptArtifacts artifacts, AttemptLog log, ProjectAccess access, HttpServletRequest request) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.artifacts = artifacts;
        this.log = log;
        this.access = access;
        this.request = request;
    }

    @PostMapping("/tasks/{taskId}/attempts")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope start(@PathVariable String taskId, @RequestBody(required = false) StartBody body) {
        StartBody start = body == null ? new StartBody(null, null, null) : body;
        access.useProfileFor(request, start.agentProfileId(), taskId);
        String id = UUID.randomUUID().toString();
        long version = commands.create(new StartAttemptCommand(id, taskId, start.agentProfileId(), start.prompt(),
                null, null, start.copyFiles()));
        return Envelope.ok(Map.of("attempt_id", id, "version", version));
    }

    @GetMapping("/tasks/{taskId}/attempts")
    Envelope ofTask(@PathVariable String taskId) {
        return Envelope.ok(queries.query(new FindTaskAttemptsQuery(taskId), ResponseTypes.instanceOf(TaskAttempts.class))
                .join());
    }

    /** The attempt, with its artifacts and its last {@value #RECENT_EVENTS} log messages. */
    @GetMapping("/attempts/{attemptId}")
    Envelope get(@PathVariable String attemptId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        AttemptView attempt = readYourWrites.read(minVersion,
                        () -> queries.query(new FindAttemptQuery(attemptId),
                                ResponseTypes.optionalInstanceOf(AttemptView.class)).join(),
                        AttemptView::version)
                .orElseThrow(() -> ApiException.notFound("attempt", attemptId));
        List<Object> artifacts = List.copyOf(this.artifacts.of(attemptId).stream()
                .map(AttemptArtifactController::metadata).toList());
        List<Object> recent = List.copyOf(log.last(attemptId, RECENT_EVENTS));
        return Envelope.ok(attempt.withArtifactsAndRecentEvents(artifacts, recent));
    }

    @PostMapping("/attempts/{attemptId}/cancel")
    Envelope cancel(@PathVariable String attemptId, @RequestBody(required = false) CancelBody body) {
        long version = commands.send(new CancelAttemptCommand(attemptId, body == null ? null : body.reason()));
        return Envelope.ok(Map.of("attempt_id", attemptId, "version", version));
    }

    /**
     * A new attempt that continues this one: from its branch, in the agent's session where the CLI can resume it,
     * with the feedback in its prompt. This attempt stays as it is (it can still be approved).
     */
    @PostMapping("/attempts/{attemptId}/request-changes")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope requestChanges(@PathVariable String attemptId, @RequestBody RequestChangesBody body) {
        String feedback = Checks.required("feedback", body.feedback(), Checks.MAX_TEXT);
        return continueAttempt(attemptId, null, feedback, "changes can be requested");
    }

    /**
     * A chat follow-up: the agent's session (resumed where the CLI can) gets the text as a new turn, in a new
     * attempt on top of this one's branch. The agent must have finished: while it works, a message is refused.
     */
    @PostMapping("/attempts/{attemptId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope message(@PathVariable String attemptId, @RequestBody MessageBody body) {
        String text = Checks.required("text", body.text(), Checks.MAX_TEXT);
        return continueAttempt(attemptId, text, null, "a message can be sent");
    }

    private Envelope continueAttempt(String attemptId, String prompt, String feedback, String what) {
        AttemptView previous = queries.query(new FindAttemptQuery(attemptId),
                ResponseTypes.optionalInstanceOf(AttemptView.class)).join()
                .orElseThrow(() -> ApiException.notFound("attempt", attemptId));
        if (!CONTINUABLE.contains(previous.status())) {
            throw DomainException.invalidState("attempt " + attemptId + " is " + previous.status() + ": " + what
                    + " once its agent and gates are done (review_ready, merged, pr_created or failed)");
        }
        access.useProfile(request, previous.agentProfileId());
        String id = UUID.randomUUID().toString();
        long version = commands.create(new StartAttemptCommand(id, previous.taskId(), previous.agentProfileId(), prompt,
                attemptId, feedback, null, previous.baseBranch()));
        return Envelope.ok(Map.of("attempt_id", id, "previous_attempt_id", attemptId, "version", version));
    }

    @PostMapping("/attempts/{attemptId}/approve")
    Envelope approve(@PathVariable String attemptId, @RequestBody ApproveBody body) {
        long version = commands.send(new ApproveAttemptCommand(attemptId, body.mode()));
        return Envelope.ok(Map.of("attempt_id", attemptId, "version", version));
    }
}
