package dev.baton.api.attempt;

import dev.baton.api.stream.SseHub;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.query.support.Page;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.log.LogMessage;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;

/**
 * An attempt's log: a page of stored stream messages ({@code ?after=seq}), or all of them live over SSE, from the
 * start or after {@code Last-Event-ID} / {@code ?after=} (the message's {@code seq} is its SSE id), so a client
 * that reconnects misses nothing and gets nothing twice.
 */
@RestController
@RequestMapping("/api/v1/attempts/{attemptId}")
class AttemptLogController {

    private static final int DEFAULT_PAGE = 500;
    private static final int STREAM_PAGE = 500;
    private final AttemptLog log;
    private final KnownAttempts attempts;
    private final SseHub hub;

    AttemptLogController(AttemptLog log, KnownAttempts attempts, SseHub hub) {
        this.log = log;
        this.attempts = attempts;
        this.hub = hub;
    }

    @GetMapping("/logs")
    Envelope logs(@PathVariable String attemptId, @RequestParam(required = false) String after,
                  @RequestParam(required = false) Integer limit) {
        attempts.require(attemptId);
        int size = limit == null ? DEFAULT_PAGE : Paging.limit(limit);
        List<LogMessage> messages = log.after(attemptId, Paging.after(after), size + 1);
        return Envelope.ok(Page.of(messages, size, message -> String.valueOf(message.seq())));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String attemptId, @RequestParam(required = false) String after,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        attempts.require(attemptId);
        long cursor = Paging.after(lastEventId != null ? lastEventId : after);
        return hub.subscribe(attemptId, cursor, from -> log.after(attemptId, from, STREAM_PAGE).stream()
                .map(message -> new SseHub.Item(message.seq(), message)).toList());
    }

}
