package dev.baton.api.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A real server started by the tests on a random loopback port, talked to over real HTTP only. Each subclass says
 * which server with its own {@code @DynamicPropertySource} (a subclass cannot override its parent's: the parent's
 * values win), so servers that must not share a database, like {@link IntegrationTest}'s and
 * {@link AuthIntegrationTest}'s, extend this class side by side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = dev.baton.BatonApplication.class)
@AutoConfigureObservability(tracing = false) // metrics as in production: /actuator/prometheus is part of the contract
public abstract class ServerTest {

    @LocalServerPort
    protected int port;
    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
    }

    public static boolean onPostgres() {
        return !System.getProperty("baton.test.postgres.url", "").isBlank();
    }

    /**
     * What every test server shares: its data folder, a schema checked against the entities, small batches and short
     * moxxy intervals, and PostgreSQL at {@code postgresUrl} when it is not blank (else H2 in the data folder).
     */
    protected static void serverProperties(DynamicPropertyRegistry registry, Path dataDir, String postgresUrl) {
        registry.add("baton.data-dir", dataDir::toString);
        registry.add("spring.jpa.hibernate.ddl-auto", () -> "validate");
        registry.add("baton.projections.replay-check-ms", () -> "50");
        // batches of a few events: every replay, and live updates that arrive together, span several batches
        registry.add("axon.eventhandling.processors.board.batch-size", () -> "7");
        registry.add("axon.eventhandling.processors.timeline.batch-size", () -> "7");
        // moxxy jobs are read often, a failed read retried soon, and an outage of a few seconds stalls a job
        registry.add("baton.moxxy.poll-interval", () -> "150ms");
        registry.add("baton.moxxy.max-backoff", () -> "1s");
        registry.add("baton.moxxy.stall-after", () -> "3s");
        if (!postgresUrl.isBlank()) {
            registry.add("spring.datasource.url", () -> postgresUrl);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static Path createDataDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
