package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small blocking HTTP/1.1 client for the Baton API on 127.0.0.1 (java.net.http). One per client thread. */
final class Api {

    record Response(int status, byte[] body) {
        JsonNode json() {
            return Json.parse(body);
        }

        /** The envelope's data, or an exception naming the status and the error envelope. */
        JsonNode data() {
            JsonNode json = json();
            if (status >= 300 || !json.path("ok").asBoolean()) {
                throw new IllegalStateException("HTTP " + status + ": " + text());
            }
            return json.get("data");
        }

        String text() {
            return new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http;
    private final String base;

    Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    String base() {
        return base;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-Baton-User", "bench")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.body());
    }
}
