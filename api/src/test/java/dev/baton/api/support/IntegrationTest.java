package dev.baton.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The real server on a random loopback port, on the embedded H2 file database by default, or on the PostgreSQL given by
 * the system property {@code baton.test.postgres.url} (the test command starts a throwaway cluster and runs this suite a
 * second time on it). Tests talk to it over real HTTP only.
 */
public abstract class IntegrationTest extends ServerTest {

    private static final Path DATA_DIR = createDataDir("baton-test-");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        serverProperties(registry, DATA_DIR, System.getProperty("baton.test.postgres.url", ""));
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
}
