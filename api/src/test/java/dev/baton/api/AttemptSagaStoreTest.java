package dev.baton.api;

import dev.baton.api.support.Json;
import dev.baton.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The attempt saga runs in the server: stored (as JSON) while its attempt lives, gone once the attempt ends. */
class AttemptSagaStoreTest extends ApiTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    private int sagasOf(String attemptId) {
        Integer count = jdbc.queryForObject("select count(*) from association_value_entry where association_key ="
                + " 'attemptId' and association_value = ?", Integer.class, attemptId);
        return count == null ? 0 : count;
    }

    @Test
    void aSagaFollowsEachAttemptUntilItEnds() {
        String projectId = createProject(uniqueName("Saga"));
        String agent = sleepingAgent();
        String taskId = createTask(projectId, Json.obj("title", "Followed"));
        String attemptId = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent))
                .expect(201).data().get("attempt_id").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> sagasOf(attemptId) == 1);
        String stored = jdbc.queryForObject("select s.serialized_saga from saga_entry s join association_value_entry a"
                + " on a.saga_id = s.saga_id where a.association_value = ?", (rs, n) -> new String(rs.getBytes(1)), attemptId);
        assertThat(stored).contains("\"attempt_id\":\"" + attemptId + "\"").contains("\"agent_profile_id\":\"" + agent + "\"");

        api.post("/api/v1/attempts/" + attemptId + "/cancel", null).expect(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> sagasOf(attemptId) == 0);
    }
}
