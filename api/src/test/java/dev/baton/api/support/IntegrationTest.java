package dev.baton.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Boots the real server on a random loopback port, on the embedded H2 file database by default, or on the
 * PostgreSQL given by the system property {@code baton.test.postgres.url} (the test command starts a throwaway
 * cluster and runs this suite a second time on it). Tests talk to it over real HTTP only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = dev.baton.BatonApplication.class)
@AutoConfigureObservability(tracing = false) // metrics as in production: /actuator/prometheus is part of the contract
public abstract class IntegrationTest {

    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;
    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("baton.data-dir", DATA_DIR::toString);
        registry.add("spring.jpa.hibernate.ddl-auto", () -> "validate");
        registry.add("baton.projections.replay-check-ms", () -> "50");
        // batches of a few events: every replay, and live updates that arrive together, span several batches
        registry.add("axon.eventhandling.processors.board.batch-size", () -> "7");
        registry.add("axon.eventhandling.processors.timeline.batch-size", () -> "7");
        // moxxy jobs are read often, a failed read retried soon, and an outage of a few seconds stalls a job
        registry.add("baton.moxxy.poll-interval", () -> "150ms");
        registry.add("baton.moxxy.max-backoff", () -> "1s");
        registry.add("baton.moxxy.stall-after", () -> "3s");
        String postgres = System.getProperty("baton.test.postgres.url", "");
        if (!postgres.isBlank()) {
            registry.add("spring.datasource.url", () -> postgres);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
    }

    public static boolean onPostgres() {
        return !System.getProperty("baton.test.postgres.url", "").isBlank();
    }

    /** A project on a fresh local git repository; answers its id. */
    protected String createProject(String name) {
        Api.Response created = api.post("/api/v1/projects", "{\"name\":\"" + name + "\",\"local_path\":\""
                + GitRepos.create().toString() + "\"}");
        created.expect(201);
        return created.data().get("project_id").asText();
    }

    protected String createTask(String projectId, String json) {
        Api.Response created = api.post("/api/v1/projects/" + projectId + "/tasks", json);
        created.expect(201);
        return created.data().get("task_id").asText();
    }

    /** Waits until the board shows what {@code check} looks for (projections are asynchronous). */
    protected JsonNode awaitBoard(String projectId, String query, java.util.function.Predicate<JsonNode> check) {
        JsonNode[] board = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Api.Response answer = api.get("/api/v1/projects/" + projectId + "/board" + query);
            if (answer.status() == 404) {
                return false; // the project is not projected yet
            }
            board[0] = answer.expect(200).data();
            return check.test(board[0]);
        });
        return board[0];
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("baton-test-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
