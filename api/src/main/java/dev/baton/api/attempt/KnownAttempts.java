package dev.baton.api.attempt;

import dev.baton.api.web.ApiException;
import dev.baton.query.attempt.AttemptReadModel;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Whether an attempt exists, for the log, stream and artifact routes. The read model may not show an attempt
 * started a moment ago, so the event store (always current) is asked when the read model does not know it.
 */
@Component
class KnownAttempts {

    private final AttemptReadModel attempts;
    private final EventStore events;

    KnownAttempts(AttemptReadModel attempts, EventStore events) {
        this.attempts = attempts;
        this.events = events;
    }

    boolean exists(String attemptId) {
        return attempts.attempt(attemptId).isPresent() || events.lastSequenceNumberFor(attemptId).isPresent();
    }

    void require(String attemptId) {
        if (!exists(attemptId)) {
            throw ApiException.notFound("attempt", attemptId);
        }
    }
}
