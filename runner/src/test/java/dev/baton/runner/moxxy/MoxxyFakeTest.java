package dev.baton.runner.moxxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of {@link FakeMoxxy} that {@link MoxxyClient} does not reach: axum's rejections and the stream. */
class MoxxyFakeTest {

    private final FakeMoxxy moxxy = FakeMoxxy.open();
    private final MoxxyClient client = new MoxxyClient(moxxy.baseUrl(), MoxxyCredentials.none());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        moxxy.close();
    }

    @Test
    void axumRejectionsArePlainText() throws Exception {
        String jobs = "/api/agents/default/orchestrate/jobs";

        assertRejected(send("POST", jobs, "text/plain", "{}"), 415, "Expected request with `Content-Type: application/json`");
        assertRejected(send("POST", jobs, "application/json", "{nope"), 400, "Failed to parse the request body as JSON");
        assertRejected(send("POST", jobs, "application/json", "{\"worker_mode\":\"all\",\"prompt\":\"p\"}"), 422,
                "Failed to deserialize the JSON body into the target type");
        assertRejected(send("GET", jobs + "/j/events?limit=abc", null, null), 400, "Failed to deserialize query string");
        assertThat(send("PATCH", "/api/agents", "application/json", "{}").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/api/nothing", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aBlankPromptIsAHandlerError() throws Exception {
        HttpResponse<String> response = send("POST", "/api/agents/default/orchestrate/jobs", "application/json",
                "{\"prompt\":\"   \"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":false,\"error\":\"prompt is required\"}");
    }

    @Test
    void theStreamIsASnapshotEndingInDone() throws Exception {
        String jobId = client.startJob("default", JobRequest.of("Go")).jobId();
        String stream = "/api/agents/default/orchestrate/jobs/" + jobId + "/stream";

        HttpResponse<String> running = send("GET", stream, null, null);
        assertThat(running.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(running.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(running.body()).startsWith("data:{\"state\":\"queued\"").contains("\"type\":\"job_started\"")
                .endsWith("\n\ndata:{\"type\":\"done\"}\n\n");

        client.cancel("default", jobId);
        String canceled = send("GET", stream, null, null).body();
        assertThat(canceled).endsWith("data:{\"status\":\"canceled\",\"type\":\"done\",\"event_id\":3}\n\n");
        assertThat(canceled.split("\n\n")).hasSize(3);

        assertThat(send("GET", "/api/agents/default/orchestrate/jobs/unknown/stream", null, null).body())
                .isEqualTo("data:{\"type\":\"done\"}\n\n");
        assertThat(send("GET", "/api/agents/ghost/orchestrate/jobs/x/stream", null, null).body())
                .isEqualTo("{\"success\":false,\"error\":\"Agent not found\"}");
    }

    @Test
    void answersCarryMoxxysSecurityHeadersAndTimestamps() throws Exception {
        String jobId = client.startJob("default", JobRequest.of("Go")).jobId();

        HttpResponse<String> response = send("GET", "/api/agents/default/orchestrate/jobs/" + jobId, null, null);

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(moxxy.job(jobId).path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(moxxy.job(jobId).has("finished_at")).isTrue();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moxxy.baseUrl() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static void assertRejected(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).startsWith(text);
    }
}
