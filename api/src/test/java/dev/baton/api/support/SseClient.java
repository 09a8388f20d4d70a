package dev.baton.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent-Events client on java.net.http: a reader thread parses {@code id:}/{@code data:} messages into a
 * queue, and the test takes them with a timeout (never blocking forever). Comments (keep-alives) are skipped.
 */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Message END = new Message(null, null);

    /** One SSE message: its id (the cursor) and its data (one JSON object). */
    public record Message(String id, String data) {
        public long position() {
            return Long.parseLong(id);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("SSE data is not JSON: " + data, e);
            }
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final List<String> lines = new ArrayList<>();

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
    }

    /** Opens {@code base + path}; {@code headers} are name/value pairs (e.g. Last-Event-ID). */
    public static SseClient open(String base, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<Stream<String>> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
            SseClient client = new SseClient(response);
            client.startReading();
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the stream " + path, e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** For a refused stream: the whole answer body (read until the server closes it). */
    public String body() {
        List<String> all = new ArrayList<>();
        Message message;
        try {
            while ((message = messages.poll(10, TimeUnit.SECONDS)) != null && message != END) {
                // a JSON error body has no SSE framing; keep reading until the end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            all.addAll(lines);
        }
        return String.join("\n", all);
    }

    /** The next message, or an assertion failure after {@code timeout}. */
    public Message next(Duration timeout) {
        try {
            Message message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no SSE message within " + timeout);
            }
            if (message == END) {
                messages.add(END);
                throw new AssertionError("the stream ended");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Messages until one matches (included), each within {@code timeout}. */
    public List<Message> until(Predicate<Message> last, Duration timeout) {
        List<Message> received = new ArrayList<>();
        Message message;
        do {
            message = next(timeout);
            received.add(message);
        } while (!last.test(message));
        return received;
    }

    private void startReading() {
        Thread reader = new Thread(() -> {
            String id = null;
            StringBuilder data = null;
            try {
                Iterator<String> it = response.body().iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.isEmpty()) {
                        if (data != null) {
                            messages.add(new Message(id, data.toString()));
                        }
                        id = null;
                        data = null;
                    } else if (line.startsWith("id:")) {
                        id = value(line, 3);
                    } else if (line.startsWith("data:")) {
                        data = data == null ? new StringBuilder() : data.append('\n');
                        data.append(value(line, 5));
                    }
                }
            } catch (RuntimeException e) {
                // closed by the test or by the server
            } finally {
                messages.add(END);
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static String value(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
