package dev.baton.api.timeline;

import dev.baton.api.auth.CurrentCaller;
import dev.baton.api.auth.ProjectAccess;
import jakarta.servlet.http.HttpServletRequest;
import dev.baton.api.stream.SseHub;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.query.support.Page;
import dev.baton.query.timeline.TimelineEntry;
import dev.baton.query.timeline.TimelineFilter;
import dev.baton.query.timeline.TimelineReadModel;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The event timeline (an index of the store), its live stream, aggregate histories and chains of causes. */
@RestController
@RequestMapping("/api/v1")
class TimelineController {

    private static final int STREAM_PAGE = 200;
    private final TimelineReadModel timeline;
    private final StoredEvents events;
    private final CauseChain causes;
    private final SseHub hub;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    TimelineController(TimelineReadModel timeline, StoredEvents events, CauseChain causes, SseHub hub,
                       ProjectAccess access, HttpServletRequest request) {
        this.access = access;
        this.request = request;
        this.timeline = timeline;
        this.events = events;
        this.causes = causes;
        this.hub = hub;
    }

    /**
     * {@code after} and {@code before} take a store position (the cursor) or an ISO-8601 time; {@code type} is
     * the event name such as TaskMovedEvent.
     */
    @GetMapping("/timeline")
    Envelope list(@RequestParam(name = "project_id", required = false) String projectId,
                  @RequestParam(name = "aggregate_id", required = false) String aggregateId,
                  @RequestParam(name = "aggregate_type", required = false) String aggregateType,
                  @RequestParam(required = false) String type, @RequestParam(required = false) String user,
                  @RequestParam(required = false) String after, @RequestParam(required = false) String before,
                  @RequestParam(required = false) Integer limit) {
        int size = Paging.limit(limit);
        Bound from = Bound.parse("after", after);
        Bound until = Bound.parse("before", before);
        TimelineFilter filter = new TimelineFilter(projectId, aggregateId, aggregateType, type, user, from.time(),
                until.time(), until.position());
        List<TimelineEntry> entries = timeline.entries(seen(filter), from.position() == null ? 0 : from.position(), size);
        return Envelope.ok(Page.of(entries, size, e -> String.valueOf(e.position())));
    }

    @GetMapping(path = "/timeline/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(name = "project_id", required = false) String projectId,
                      @RequestParam(name = "aggregate_id", required = false) String aggregateId,
                      @RequestParam(name = "aggregate_type", required = false) String aggregateType,
                      @RequestParam(required = false) String type, @RequestParam(required = false) String user,
                      @RequestParam(required = false) String after,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        TimelineFilter filter = seen(new TimelineFilter(projectId, aggregateId, aggregateType, type, user, null, null,
                null));
        String resume = lastEventId != null ? lastEventId : after;
        long cursor = resume == null ? timeline.lastPosition() : Paging.after(resume);
        return hub.subscribe(cursor, from -> timeline.entries(filter, from, STREAM_PAGE).stream()
                .limit(STREAM_PAGE).map(e -> new SseHub.Item(e.position(), e)).toList());
    }

    @GetMapping("/aggregates/{aggregateType}/{aggregateId}/history")
    Envelope history(@PathVariable String aggregateType, @PathVariable String aggregateId) {
        List<TimelineEntry> history = events.ofAggregate(aggregateId);
        if (history.isEmpty() || !normalize(history.get(0).aggregateType()).equals(normalize(aggregateType))
                || !access.sees(request, history.get(0).projectId(), aggregateId)) {
            throw ApiException.notFound(aggregateType, aggregateId);
        }
        return Envelope.ok(Map.of("aggregate_type", history.get(0).aggregateType(), "aggregate_id", aggregateId,
                "items", history));
    }

    @GetMapping("/events/{eventId}/causes")
    Envelope causes(@PathVariable String eventId) {
        List<CauseChain.Link> chain = causes.of(eventId).filter(links -> sees(links.get(0).event()))
                .orElseThrow(() -> ApiException.notFound("event", eventId));
        // a cause in a project the caller cannot see is left out (commands and requests carry no payload)
        return Envelope.ok(Map.of("event_id", eventId, "items",
                chain.stream().filter(link -> link.event() == null || sees(link.event())).toList()));
    }

    /** With accounts on, only what the caller may see. */
    private TimelineFilter seen(TimelineFilter filter) {
        return CurrentCaller.of(request).map(caller -> filter.seenBy(caller.userId(), caller.admin())).orElse(filter);
    }

    private boolean sees(TimelineEntry entry) {
        return access.sees(request, entry.projectId(), entry.aggregateId());
    }

    /** "agent-profile", "agent_profile" and "AgentProfile" all name the AgentProfile aggregate. */
    private static String normalize(String type) {
        return type.replace("-", "").replace("_", "").toLowerCase();
    }

    /** A bound given as a position or a time. */
    record Bound(Long position, Instant time) {
        static Bound parse(String name, String value) {
            if (value == null || value.isEmpty()) {
                return new Bound(null, null);
            }
            if (value.matches("\\d{1,18}")) {
                return new Bound(Long.parseLong(value), null);
            }
            try {
                return new Bound(null, OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                throw ApiException.badParameter(name, name + " must be a store position or an ISO-8601 time");
            }
        }
    }
}
