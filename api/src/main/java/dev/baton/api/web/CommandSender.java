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
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData()));
        return 0L;
    }

    /** Sends a command to an existing aggregate; its handler answers the version. */
    public long send(Object command) {
        Object result = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData()));
        if (result instanceof Long version) {
            return version;
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " answered no version");
    }

    /** Sends a command whose handler answers a {@code type}: what the API returns is made of it. */
    public <T> T ask(Object command, Class<T> type) {
        Object result = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData()));
        if (type.isInstance(result)) {
            return type.cast(result);
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " answered no " + type.getSimpleName());
    }

    private MetaData metaData() {
        RequestContext context = RequestContext.of(request);
        Map<String, Object> data = new HashMap<>();
        data.put(AuditTrail.USER, context.user());
        data.put(AuditTrail.CORRELATION_ID, context.requestId());
        data.put(AuditTrail.CAUSATION_ID, "request:" + context.requestId());
        data.put(AuditTrail.SOURCE, context.source());
        if (context.reason() != null) {
            data.put(AuditTrail.REASON, context.reason());
        }
        return MetaData.from(data);
    }
}
