package dev.baton.api.config;

import dev.baton.projections.support.ProjectionProcessors;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.HashMap;
import java.util.Map;

/**
 * Who and why, carried from message to message. Every message created while handling another gets:
 * {@code user} (who acted), {@code correlation_id} (the originating request or message, shared by the whole
 * chain), {@code causation_id} and {@code causation_type} (the message that directly caused it), and
 * {@code causation_causation_id} (what caused that one), which lets the timeline walk the chain of causes back
 * through commands, which are not stored. {@code reason} travels unchanged when a caller gave one. Projections send
 * nothing, so their units of work carry nothing on ({@link ProjectionProcessors#SENDS_NO_MESSAGES}).
 */
public class AuditTrail implements CorrelationDataProvider {

    public static final String USER = "user";
    public static final String REASON = "reason";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    public static final String CAUSATION_TYPE = "causation_type";
    public static final String CAUSATION_CAUSATION_ID = "causation_causation_id";
    public static final String SOURCE = "source";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(ProjectionProcessors.SENDS_NO_MESSAGES)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        Object user = message.getMetaData().get(USER);
        data.put(USER, user == null ? "system" : user);
        Object correlation = message.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlation == null ? message.getIdentifier() : correlation);
        data.put(CAUSATION_ID, message.getIdentifier());
        data.put(CAUSATION_TYPE, message.getPayloadType().getSimpleName());
        copy(message, CAUSATION_ID, CAUSATION_CAUSATION_ID, data);
        copy(message, REASON, REASON, data);
        copy(message, SOURCE, SOURCE, data);
        return data;
    }

    private static void copy(Message<?> message, String from, String to, Map<String, Object> data) {
        Object value = message.getMetaData().get(from);
        if (value != null) {
            data.put(to, value);
        }
    }
}
