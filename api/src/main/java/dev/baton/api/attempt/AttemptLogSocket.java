package dev.baton.api.attempt;

import dev.baton.api.auth.ProjectAccess;
import dev.baton.core.common.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.log.LogMessage;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ws://…/ws/attempts/{attemptId}[?after=seq]}: the same stream messages as the SSE stream, one JSON text
 * message each, from the start or after {@code after}. Sent when the attempt's log grows, and every second (a log
 * written by another node). An unknown attempt is closed with code 4404.
 */
@Configuration
@EnableWebSocket
class AttemptLogSocket extends TextWebSocketHandler implements WebSocketConfigurer {

    static final CloseStatus UNKNOWN_ATTEMPT = new CloseStatus(4404, "no such attempt");
    private static final String PREFIX = "/ws/attempts/";
    private static final int PAGE = 500;

    private final AttemptLog log;
    private final KnownAttempts attempts;
    private final ProjectAccess access;
    private final ObjectMapper json;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-ws");
        thread.setDaemon(true);
        return thread;
    });

    AttemptLogSocket(AttemptLog log, KnownAttempts attempts, ObjectMapper json, ProjectAccess access) {
        this.access = access;
        this.log = log;
        this.attempts = attempts;
        this.json = json;
        log.onAppend(attemptId -> executor.execute(() -> drain(attemptId)));
        executor.scheduleWithFixedDelay(() -> subscribers.values().forEach(Subscriber::drain), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(this, PREFIX + "*").addInterceptors(new AttemptAccessCheck());
    }

    /** With accounts on, the handshake of someone who may not read the attempt is refused as for an unknown one. */
    private final class AttemptAccessCheck implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            try {
                access.resource(((ServletServerHttpRequest) request).getServletRequest(), "attempt",
                        attemptIdOf(request.getURI()), false);
                return true;
            } catch (DomainException refused) {
                response.setStatusCode(HttpStatus.NOT_FOUND);
                return false;
            }
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception failure) {
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        String attemptId = attemptIdOf(session.getUri());
        if (!attempts.exists(attemptId)) {
            session.close(UNKNOWN_ATTEMPT);
            return;
        }
        String after = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("after");
        long cursor;
        try {
            cursor = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            session.close(CloseStatus.BAD_DATA.withReason("after must be a sequence number"));
            return;
        }
        Subscriber subscriber = new Subscriber(session, attemptId, cursor);
        subscribers.put(session.getId(), subscriber);
        executor.execute(subscriber::drain);
    }

    /** The attempt of {@code ws://…/ws/attempts/{attemptId}}: the last segment of the path. */
    private static String attemptIdOf(URI uri) {
        String path = uri == null ? "" : uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        subscribers.remove(session.getId());
    }

    private void drain(String attemptId) {
        subscribers.values().stream().filter(s -> s.attemptId.equals(attemptId)).forEach(Subscriber::drain);
    }

    private final class Subscriber {
        private final WebSocketSession session;
        private final String attemptId;
        private long cursor;

        Subscriber(WebSocketSession session, String attemptId, long cursor) {
            this.session = session;
            this.attemptId = attemptId;
            this.cursor = cursor;
        }

        synchronized void drain() {
            try {
                List<LogMessage> messages;
                do {
                    messages = log.after(attemptId, cursor, PAGE);
                    for (LogMessage message : messages) {
                        session.sendMessage(new TextMessage(json.writeValueAsString(message)));
                        cursor = message.seq();
                    }
                } while (messages.size() == PAGE && session.isOpen());
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(session.getId());
            }
        }
    }
}
