package dev.baton.api.attempt;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.Envelope;
import dev.baton.core.attempt.FindTaskAttemptsQuery;
import dev.baton.core.task.FindTaskQuery;
import dev.baton.query.attempt.TaskAttempts;
import dev.baton.query.board.TaskView;
import dev.baton.runner.attempt.AttemptArtifacts;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The artifacts of all of a task's attempts, newest attempt first, each naming its attempt. */
@RestController
class TaskArtifactController {

    private final QueryGateway queries;
    private final AttemptArtifacts artifacts;

    TaskArtifactController(QueryGateway queries, AttemptArtifacts artifacts) {
        this.queries = queries;
        this.artifacts = artifacts;
    }

    @GetMapping("/api/v1/tasks/{taskId}/artifacts")
    Envelope list(@PathVariable String taskId) {
        queries.query(new FindTaskQuery(taskId), ResponseTypes.optionalInstanceOf(TaskView.class)).join()
                .orElseThrow(() -> ApiException.notFound("task", taskId));
        TaskAttempts attempts = queries.query(new FindTaskAttemptsQuery(taskId),
                ResponseTypes.instanceOf(TaskAttempts.class)).join();
        List<Map<String, Object>> items = attempts.items().stream()
                .flatMap(attempt -> artifacts.of(attempt.attemptId()).stream().map(artifact -> {
                    Map<String, Object> item = new HashMap<>(AttemptArtifactController.metadata(artifact));
                    item.put("attempt_id", attempt.attemptId());
                    return item;
                })).toList();
        return Envelope.ok(Map.of("items", items));
    }
}
