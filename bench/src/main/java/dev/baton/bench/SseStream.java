package dev.baton.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent-Events connection to the server (java.net.http): every message is handed over with the wall-clock
 * time (epoch nanoseconds, {@link #epochNanos()}) at which its {@code data:} line reached the harness. Lines are
 * read by the HTTP client's own thread as they arrive; {@link #next} waits for the next message, bounded.
 */
final class SseStream implements AutoCloseable {

    /** One message: its SSE id (null if none), its data, when its data line arrived (epoch nanoseconds). */
    record Message(String id, String data, long receivedEpochNanos) {
    }

    private static final Message END = new Message(null, null, 0);

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile long connectedEpochNanos;
    private volatile Throwable failure;
    private volatile boolean ended;

    private SseStream() {
    }

    /** Connects and waits (at most 10 s) for the answer's status line; any status but 200 is an error. */
    static SseStream open(String base, String path) throws Exception {
        SseStream stream = new SseStream();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream")
                .GET().build();
        http.sendAsync(request, info -> {
            stream.status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
        }).whenComplete((response, error) -> {
            if (error != null) {
                stream.status.completeExceptionally(error);
                stream.end(error);
            }
        });
        int code = stream.status.get(10, TimeUnit.SECONDS);
        if (code != 200) {
            stream.close();
            throw new IllegalStateException("GET " + path + " answered HTTP " + code);
        }
        return stream;
    }

    /** The next message, or null when none came before the deadline ({@link System#nanoTime()}) or the stream ended. */
    Message next(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        Message m = wait <= 0 ? messages.poll() : messages.poll(wait, TimeUnit.NANOSECONDS);
        if (m == END) {
            messages.offer(END);
            return null;
        }
        return m;
    }

    boolean ended() {
        return ended;
    }

    Throwable failure() {
        return failure;
    }

    /** When the server's first comment ({@code :connected}) arrived, 0 if not yet. */
    long connectedEpochNanos() {
        return connectedEpochNanos;
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        end(null);
    }

    private void end(Throwable error) {
        if (!ended) {
            ended = true;
            failure = error;
            messages.offer(END);
        }
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Parses the event stream line by line ({@code id:}, {@code data:}, comments, a blank line ends a message). */
    private final class Lines implements Flow.Subscriber<String> {
        private String id;
        private StringBuilder data;
        private long received;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = epochNanos();
            if (line.isEmpty()) {
                if (data != null) {
                    messages.offer(new Message(id, data.toString(), received));
                }
                id = null;
                data = null;
            } else if (line.startsWith(":")) {
                if (connectedEpochNanos == 0) {
                    connectedEpochNanos = now;
                }
            } else if (line.startsWith("data:")) {
                if (data == null) {
                    data = new StringBuilder();
                    received = now;
                } else {
                    data.append('\n');
                }
                data.append(value(line, 5));
            } else if (line.startsWith("id:")) {
                id = value(line, 3);
            }
        }

        @Override
        public void onError(Throwable t) {
            end(t);
        }

        @Override
        public void onComplete() {
            end(null);
        }

        private String value(String line, int from) {
            return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
        }
    }
}
