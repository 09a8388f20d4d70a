package dev.baton.api.web;

import dev.baton.api.config.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends a command on behalf of the current HTTP request, with who and why in its metadata, and answers the
 * aggregate version after it (commands answer once their events are stored).
 */
@Component
public class CommandSender {

    private final CommandGateway commandGateway;
    private final HttpServletRequest request;

    public CommandSender(CommandGateway commandGateway, HttpServletRequest request) {
        this.commandGateway = commandGateway;
        this.request = request;
    }

    /** Sends a command that creates an aggregate with one event: its version is 0. */
    public long create(Object command) {
        dispatch(command, metaData());
        return 0L;
    }

    /** Sends a command that creates an aggregate on behalf of {@code user}, who is not signed in yet. */
    public void createAs(String user, Object command) {
        Map<String, Object> data = metaData();
        data.put(AuditTrail.USER, user);
        dispatch(command, data);
    }

    /** Sends a command to an existing aggregate; its handler answers the version. */
    public long send(Object command) {
        return version(command, dispatch(command, metaData()));
    }

    /**
     * Sends a command to an existing aggregate on behalf of {@code user}, who is not signed in yet: a sign-in is
     * the act of the user signing in.
     */
    public long sendAs(String user, Object command) {
        Map<String, Object> data = metaData();
        data.put(AuditTrail.USER, user);
        return version(command, dispatch(command, data));
    }

    /** Sends a command whose handler answers a {@code type}: what the API returns is made of it. */
    public <T> T ask(Object command, Class<T> type) {
        Object result = dispatch(command, metaData());
        if (type.isInstance(result)) {
            return type.cast(result);
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " answered no " + type.getSimpleName());
    }

    private Object dispatch(Object command, Map<String, Object> metaData) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(metaData)));
    }

    private static long version(Object command, Object result) {
        if (result instanceof Long version) {
            return version;
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " answered no version");
    }

    private Map<String, Object> metaData() {
        RequestContext context = RequestContext.of(request);
        Map<String, Object> data = new HashMap<>();
        data.put(AuditTrail.USER, context.user());
        data.put(AuditTrail.CORRELATION_ID, context.requestId());
        data.put(AuditTrail.CAUSATION_ID, "request:" + context.requestId());
        data.put(AuditTrail.SOURCE, context.source());
        if (context.reason() != null) {
            data.put(AuditTrail.REASON, context.reason());
        }
        return data;
    }
}
