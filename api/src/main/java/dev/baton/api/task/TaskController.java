package dev.baton.api.task;

import jakarta.servlet.http.HttpServletRequest;
import dev.baton.api.auth.ProjectAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.task.DeleteTaskCommand;
import dev.baton.core.task.EditTaskCommand;
import dev.baton.core.task.FindTaskQuery;
import dev.baton.core.task.MarkChecklistItemCommand;
import dev.baton.core.task.MoveTaskCommand;
import dev.baton.query.board.TaskView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/tasks/{taskId}")
class TaskController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final ObjectMapper json;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    TaskController(CommandSender commands, QueryGateway queries, ReadYourWrites readYourWrites, ObjectMapper json,
                   ProjectAccess access, HttpServletRequest request) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.json = json;
        this.access = access;
        this.request = request;
    }

    @GetMapping
    Envelope get(@PathVariable String taskId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        return Envelope.ok(readYourWrites.read(minVersion,
                        () -> queries.query(new FindTaskQuery(taskId), ResponseTypes.optionalInstanceOf(TaskView.class)).join(),
                        TaskView::version)
                .orElseThrow(() -> ApiException.notFound("task", taskId)));
    }

    /** Absent fields stay as they are; a field sent as null is cleared (when it is optional). */
    @PatchMapping
    Envelope edit(@PathVariable String taskId, @RequestBody ObjectNode body) throws IOException {
        TaskRequests.EditTaskBody edit = json.treeToValue(body, TaskRequests.EditTaskBody.class);
        Set<String> cleared = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull() && !field.getKey().equals("expected_version")) {
                cleared.add(field.getKey());
            }
        }
        access.useProfile(request, edit.agentProfileId());
        long version = commands.send(new EditTaskCommand(taskId, edit.expectedVersion(), edit.title(), edit.description(),
                edit.acceptanceCriteria(), edit.labels(), edit.priority(), edit.estimate(), edit.focusFiles(),
                edit.agentProfileId(), edit.dependsOn(), cleared));
        return Envelope.ok(Map.of("task_id", taskId, "version", version));
    }

    @DeleteMapping
    Envelope delete(@PathVariable String taskId) {
        long version = commands.send(new DeleteTaskCommand(taskId));
        return Envelope.ok(Map.of("task_id", taskId, "version", version, "deleted", true));
    }

    @PostMapping("/move")
    Envelope move(@PathVariable String taskId, @RequestBody TaskRequests.MoveBody body) {
        if (body.column() == null) {
            throw ApiException.badParameter("column", "column is required");
        }
        long version = commands.send(new MoveTaskCommand(taskId, body.column(), body.beforeTaskId(), body.afterTaskId()));
        return Envelope.ok(Map.of("task_id", taskId, "version", version));
    }

    @PostMapping("/checklist/{index}")
    Envelope checklist(@PathVariable String taskId, @PathVariable int index, @RequestBody TaskRequests.ChecklistBody body) {
        if (body.done() == null) {
            throw ApiException.badParameter("done", "done (true or false) is required");
        }
        long version = commands.send(new MarkChecklistItemCommand(taskId, index, body.done()));
        return Envelope.ok(Map.of("task_id", taskId, "version", version));
    }
}
