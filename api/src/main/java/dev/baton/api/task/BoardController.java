package dev.baton.api.task;

import jakarta.servlet.http.HttpServletRequest;
import dev.baton.api.auth.ProjectAccess;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.project.FindProjectQuery;
import dev.baton.core.task.BoardFilter;
import dev.baton.core.task.CreateTaskCommand;
import dev.baton.core.task.FindBoardQuery;
import dev.baton.query.board.BoardView;
import dev.baton.query.project.ProjectView;
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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/projects/{projectId}")
class BoardController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    BoardController(CommandSender commands, QueryGateway queries, ProjectAccess access, HttpServletRequest request) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.request = request;
    }

    /** The board; {@code as_of} (a store position or an ISO-8601 time) answers it as it was then. */
    @GetMapping("/board")
    Envelope board(@PathVariable String projectId, @RequestParam(required = false) String q,
                   @RequestParam(required = false) List<String> label, @RequestParam(required = false) List<String> agent,
                   @RequestParam(required = false) List<String> status,
                   @RequestParam(name = "as_of", required = false) String asOf) {
        BoardFilter filter = new BoardFilter(q, split(label), split(agent), split(status));
        Long asOfPosition = null;
        Instant asOfTime = null;
        if (asOf != null) {
            if (asOf.matches("\\d{1,18}")) {
                asOfPosition = Long.parseLong(asOf);
            } else {
                asOfTime = parseTime("as_of", asOf);
            }
        }
        BoardView board = queries.query(new FindBoardQuery(projectId, filter, asOfPosition, asOfTime),
                ResponseTypes.optionalInstanceOf(BoardView.class)).join()
                .orElseThrow(() -> asOf == null ? ApiException.notFound("project", projectId) : notYet(projectId, asOf));
        return Envelope.ok(board);
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@PathVariable String projectId, @RequestBody TaskRequests.CreateTaskBody body) {
        access.useProfile(request, body.agentProfileId());
        String id = UUID.randomUUID().toString();
        long version = commands.create(new CreateTaskCommand(id, projectId, body.title(), body.description(),
                body.acceptanceCriteria(), body.labels(), body.priority(), body.estimate(), body.focusFiles(),
                body.column(), body.agentProfileId(), body.dependsOn()));
        return Envelope.ok(new TaskRequests.Created(id, version));
    }

    /** The project is unknown, or did not exist yet at the asked moment: say which. */
    private DomainException notYet(String projectId, String asOf) {
        return queries.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .map(project -> new DomainException(ErrorCode.NOT_FOUND, "project " + projectId + " did not exist yet at "
                        + asOf + " (it was created at " + project.createdAt() + ")", Map.of("created_at", project.createdAt().toString())))
                .orElseGet(() -> ApiException.notFound("project", projectId));
    }

    static Instant parseTime(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, name + " must be a store position or an ISO-8601 time such as"
                    + " 2026-11-21T10:00:00Z");
        }
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }
}
