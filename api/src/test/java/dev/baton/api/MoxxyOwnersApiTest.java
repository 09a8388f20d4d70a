package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With accounts on, each user connects their own moxxy instance: the connection, the proxied agents and the jobs a
 * user starts go to that user's instance, and a job is followed and acted on through the connection of whoever
 * started it, also when a team member acts on it. Another user's connection is not theirs to see.
 */
class MoxxyOwnersApiTest extends AuthIntegrationTest {

    private static final String CONNECTION = "/api/v1/moxxy/connection";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final String annToken = "tok-ann-" + UUID.randomUUID();
    private final String benToken = "tok-ben-" + UUID.randomUUID();
    private FakeMoxxy annsMoxxy;
    private FakeMoxxy bensMoxxy;
    private Api ann;
    private Api ben;
    private String annId;
    private String benName;

    @BeforeEach
    void twoUsersWithTheirOwnInstances() {
        annsMoxxy = FakeMoxxy.withToken(annToken);
        bensMoxxy = FakeMoxxy.withToken(benToken);
        bensMoxxy.addAgent("bens-agent");
        String annName = uniqueName("ann");
        benName = uniqueName("ben");
        annId = createUser(annName, "ann-password-1");
        createUser(benName, "ben-password-1");
        ann = withToken(token(signIn(annName, "ann-password-1"), "ann's"));
        ben = withToken(token(signIn(benName, "ben-password-1"), "ben's"));
    }

    @AfterEach
    void stopFakes() {
        annsMoxxy.close();
        bensMoxxy.close();
    }

    private static String connectBody(FakeMoxxy moxxy, String token) {
        return Json.obj("base_url", moxxy.baseUrl().toString(), "token", token, "token_kind", "internal");
    }

    @Test
    void eachUserConnectsTheirOwnInstanceAndSeesOnlyIt() {
        long annVersion = ann.put(CONNECTION, connectBody(annsMoxxy, annToken)).expect(200).data().get("version")
                .asLong();
        ann.get(CONNECTION + "?min_version=" + annVersion).expect(200);
        ben.get(CONNECTION).expectError(404, "NOT_FOUND");
        ben.get("/api/v1/moxxy/agents").expectError(409, "INVALID_STATE");

        long benVersion = ben.put(CONNECTION, connectBody(bensMoxxy, benToken)).expect(200).data().get("version")
                .asLong();
        JsonNode bens = ben.get(CONNECTION + "?min_version=" + benVersion).expect(200).data();
        assertThat(bens.get("base_url").asText()).startsWith(bensMoxxy.baseUrl().toString().replaceAll("/$", ""));
        assertThat(Json.texts(ben.get("/api/v1/moxxy/agents").expect(200).data().get("items"), null))
                .contains("bens-agent");
        assertThat(Json.texts(ann.get("/api/v1/moxxy/agents").expect(200).data().get("items"), null))
                .doesNotContain("bens-agent");

        String annsConnection = MoxxyConnectionIds.ofOwner(annId);
        await().atMost(WAIT).until(() -> !ann.get("/api/v1/timeline?aggregate_id=" + annsConnection).expect(200)
                .data().get("items").isEmpty());
        assertThat(ben.get("/api/v1/timeline?limit=500&aggregate_id=" + annsConnection).expect(200).data()
                .get("items")).isEmpty();
        ben.get("/api/v1/aggregates/MoxxyConnection/" + annsConnection + "/history").expectError(404, "NOT_FOUND");

        ann.delete(CONNECTION).expect(200);
        await().atMost(WAIT).until(() -> ann.get(CONNECTION).status() == 404);
        ben.get(CONNECTION).expect(200);
    }

    @Test
    void aTeamsJobIsFollowedAndCancelledThroughTheConnectionOfWhoStartedIt() {
        ann.put(CONNECTION, connectBody(annsMoxxy, annToken)).expect(200);
        ben.put(CONNECTION, connectBody(bensMoxxy, benToken)).expect(200);
        String teamId = ann.post("/api/v1/teams", Json.obj("name", "Moxxy team")).expect(201).data().get("team_id")
                .asText();
        ann.put("/api/v1/teams/" + teamId + "/members/" + benName, Json.obj("role", "member")).expect(200);
        String projectId = ann.post("/api/v1/projects", Json.obj("name", uniqueName("shared"), "local_path",
                GitRepos.create().toString(), "team_id", teamId)).expect(201).data().get("project_id").asText();
        String taskId = ann.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Delegate me"))
                .expect(201).data().get("task_id").asText();
        await().atMost(WAIT).until(() -> ann.get("/api/v1/tasks/" + taskId).status() == 200);

        JsonNode started = ann.post("/api/v1/projects/" + projectId + "/moxxy-jobs",
                Json.obj("task_ids", List.of(taskId))).expect(201).data();
        String jobId = started.get("job_id").asText();
        String moxxyJobId = started.get("moxxy_job_id").asText();
        assertThat(annsMoxxy.jobIds()).contains(moxxyJobId);
        assertThat(bensMoxxy.jobIds()).isEmpty();

        annsMoxxy.advance(moxxyJobId, "executing");
        await().atMost(WAIT).until(() -> "executing".equals(ben.get("/api/v1/moxxy-jobs/" + jobId).expect(200)
                .data().path("state").asText()));

        JsonNode cancelled = ben.post("/api/v1/moxxy-jobs/" + jobId + "/cancel", null).expect(200).data();
        assertThat(cancelled.get("state").asText()).isEqualTo("canceled");
        assertThat(annsMoxxy.job(moxxyJobId).get("status").asText()).isEqualTo("canceled");
        assertThat(bensMoxxy.received()).noneMatch(request -> request.uri().contains(moxxyJobId));
    }
}
