package dev.baton.api.stream;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.Paging;
import dev.baton.query.board.BoardChange;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.project.ProjectReadModel;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live board: one SSE message per store position that changed the board, holding every task and project
 * change made there ({@code {position, changes: [{kind: task|task_removed|project, ...}]}}). Without a cursor
 * it starts at the board's current position, so GET the board first, then stream from its {@code position}.
 */
@RestController
class BoardStreamController {

    private static final int PAGE = 500;
    private final ProjectReadModel projects;
    private final TaskReadModel tasks;
    private final SseHub hub;

    BoardStreamController(ProjectReadModel projects, TaskReadModel tasks, SseHub hub) {
        this.projects = projects;
        this.tasks = tasks;
        this.hub = hub;
    }

    @GetMapping(path = "/api/v1/projects/{projectId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String projectId, @RequestParam(required = false) String after,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long projectPosition = projects.position(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        String resume = lastEventId != null ? lastEventId : after;
        long cursor = resume == null ? Math.max(projectPosition, tasks.lastPosition(projectId)) : Paging.after(resume);
        return hub.subscribe(cursor, from -> BoardChange.batches(tasks.changesAfter(projectId, from, PAGE)).stream()
                .map(batch -> new SseHub.Item(batch.position(), batch)).toList());
    }
}
