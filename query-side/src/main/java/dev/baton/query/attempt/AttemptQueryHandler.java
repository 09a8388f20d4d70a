package dev.baton.query.attempt;

import dev.baton.core.attempt.FindAttemptQuery;
import dev.baton.core.attempt.FindTaskAttemptsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class AttemptQueryHandler {

    private final AttemptReadModel attempts;

    AttemptQueryHandler(AttemptReadModel attempts) {
        this.attempts = attempts;
    }

    @QueryHandler
    Optional<AttemptView> handle(FindAttemptQuery query) {
        return attempts.attempt(query.attemptId());
    }

    @QueryHandler
    TaskAttempts handle(FindTaskAttemptsQuery query) {
        return new TaskAttempts(attempts.ofTask(query.taskId()));
    }
}
