package dev.baton.api.attempt;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.attempt.FindAttemptQuery;
import dev.baton.core.attempt.FindTaskAttemptsQuery;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.query.attempt.AttemptView;
import dev.baton.query.attempt.TaskAttempts;
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

import java.util.Map;
import java.util.UUID;

/** Attempts: start one on a task, read it and a task's list, cancel it, approve it. */
@RestController
@RequestMapping("/api/v1")
class AttemptController {

    record StartBody(String agentProfileId, String prompt) {
    }

    record CancelBody(String reason) {
    }

    record ApproveBody(String mode) {
    }

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;

    AttemptController(CommandSender commands, QueryGateway queries, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping("/tasks/{taskId}/attempts")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope start(@PathVariable String taskId, @RequestBody(required = false) StartBody body) {
        StartBody start = body == null ? new StartBody(null, null) : body;
        String id = UUID.randomUUID().toString();
        long version = commands.create(new StartAttemptCommand(id, taskId, start.agentProfileId(), start.prompt(),
                null, null));
        return Envelope.ok(Map.of("attempt_id", id, "version", version));
    }

    @GetMapping("/tasks/{taskId}/attempts")
    Envelope ofTask(@PathVariable String taskId) {
        return Envelope.ok(queries.query(new FindTaskAttemptsQuery(taskId), ResponseTypes.instanceOf(TaskAttempts.class))
                .join());
    }

    @GetMapping("/attempts/{attemptId}")
    Envelope get(@PathVariable String attemptId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        return Envelope.ok(readYourWrites.read(minVersion,
                        () -> queries.query(new FindAttemptQuery(attemptId),
                                ResponseTypes.optionalInstanceOf(AttemptView.class)).join(),
                        AttemptView::version)
                .orElseThrow(() -> ApiException.notFound("attempt", attemptId)));
    }

    @PostMapping("/attempts/{attemptId}/cancel")
    Envelope cancel(@PathVariable String attemptId, @RequestBody(required = false) CancelBody body) {
        long version = commands.send(new CancelAttemptCommand(attemptId, body == null ? null : body.reason()));
        return Envelope.ok(Map.of("attempt_id", attemptId, "version", version));
    }

    @PostMapping("/attempts/{attemptId}/approve")
    Envelope approve(@PathVariable String attemptId, @RequestBody ApproveBody body) {
        long version = commands.send(new ApproveAttemptCommand(attemptId, body.mode()));
        return Envelope.ok(Map.of("attempt_id", attemptId, "version", version));
    }
}
