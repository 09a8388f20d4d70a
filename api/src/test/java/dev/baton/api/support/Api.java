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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A small JSON-over-HTTP client for the tests: real requests on loopback, envelope-aware answers. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String[]> headers = new ArrayList<>();

    public Api(String base) {
        this.base = base;
    }

    public Api header(String name, String value) {
        headers.add(new String[]{name, value});
        return this;
    }

    /** The value of a header this client sends (e.g. a session's cookie), null if none. */
    public String headerValue(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String json) {
        return send(method, path, json, "application/json");
    }

    public Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(h -> request.header(h[0], h[1]));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String text, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }

        public JsonNode data() {
            return json().get("data");
        }

        public Response expect(int expectedStatus) {
            assertThat(status).as("status of answer %s", text).isEqualTo(expectedStatus);
            assertThat(json().get("ok").asBoolean()).as("ok flag of %s", text).isEqualTo(expectedStatus < 400);
            return this;
        }

        /** Asserts an error envelope with this status and code; answers the error object. */
        public JsonNode expectError(int expectedStatus, String code) {
            expect(expectedStatus);
            JsonNode error = json().get("error");
            assertThat(error.get("code").asText()).as("error code of %s", text).isEqualTo(code);
            assertThat(error.get("message").asText()).isNotBlank();
            return error;
        }
    }
}
