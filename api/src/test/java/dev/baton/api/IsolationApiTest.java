package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.SamplePlan;
import dev.baton.api.support.Json;
import dev.baton.api.support.SseClient;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two users, Ann and Ben, on a server with accounts on: Ben can neither read, stream, change nor even detect Ann's
 * project and what hangs from it (every answer is the one an unknown id gets), and nothing he tries changes it. A team
 * shares a project: its viewer reads, its member also writes.
 */
class IsolationApiTest extends AuthIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private Api ann;
    private Api ben;
    private String annId;
    private String benId;
    private String benName;

    @BeforeEach
    void twoUsers() {
        String annName = uniqueName("ann");
        benName = uniqueName("ben");
        annId = createUser(annName, "ann-password-1");
        benId = createUser(benName, "ben-password-1");
        ann = withToken(token(signIn(annName, "ann-password-1"), "ann's"));
        ben = signIn(benName, "ben-password-1");
    }

    @Test
    void anotherUsersProjectAndEverythingInItAnswersAsIfItDidNotExist() {
        String projectId = project(ann, null);
        String taskId = ann.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Secret work"))
                .expect(201).data().get("task_id").asText();
        String agent = ann.post("/api/v1/agents", Json.obj("name", uniqueName("Quick"), "adapter", "command",
                "command", List.of("true"))).expect(201).data().get("agent_profile_id").asText();
        String attemptId = ann.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent))
                .expect(201).data().get("attempt_id").asText();
        String planId = ann.post("/api/v1/projects/" + projectId + "/plans", Json.obj("nodes",
                List.of(Json.map("key", "a", "layer", "task", "title", "A")), "edges", List.of())).expect(201).data()
                .get("plan_id").asText();
        await().atMost(WAIT).until(() -> ann.get("/api/v1/tasks/" + taskId).status() == 200
                && ann.get("/api/v1/attempts/" + attemptId).status() == 200);

        List<String[]> probes = List.of(
                new String[]{"GET", "/api/v1/projects/%s", projectId},
                new String[]{"GET", "/api/v1/projects/%s/board", projectId},
                new String[]{"PATCH", "/api/v1/projects/%s", projectId},
                new String[]{"DELETE", "/api/v1/projects/%s", projectId},
                new String[]{"POST", "/api/v1/projects/%s/tasks", projectId},
                new String[]{"GET", "/api/v1/tasks/%s", taskId},
                new String[]{"PATCH", "/api/v1/tasks/%s", taskId},
                new String[]{"POST", "/api/v1/tasks/%s/move", taskId},
                new String[]{"DELETE", "/api/v1/tasks/%s", taskId},
                new String[]{"POST", "/api/v1/tasks/%s/attempts", taskId},
                new String[]{"POST", "/api/v1/tasks/%s/pause", taskId},
                new String[]{"GET", "/api/v1/attempts/%s", attemptId},
                new String[]{"GET", "/api/v1/attempts/%s/diff", attemptId},
                new String[]{"POST", "/api/v1/attempts/%s/cancel", attemptId},
                new String[]{"GET", "/api/v1/agent-runs/%s", attemptId},
                new String[]{"GET", "/api/v1/artifacts/%s.diff.patch", attemptId},
                new String[]{"GET", "/api/v1/attempts/%s/artifacts/diff.patch", attemptId},
                new String[]{"GET", "/api/v1/plans/%s", planId},
                new String[]{"POST", "/api/v1/plans/%s/compile", planId});
        assertThat(leaks(probes)).as("answers that differ from an unknown id's").isEmpty();

        try (SseClient stream = SseClient.open(base(), "/api/v1/projects/" + projectId + "/stream",
                "Cookie", cookieOf(ben))) {
            assertThat(stream.status()).isEqualTo(404);
        }
        URI socket = URI.create("ws://127.0.0.1:" + port + "/ws/attempts/" + attemptId);
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookieOf(ben))
                .buildAsync(socket, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);

        assertThat(allProjects(ben)).doesNotContain(projectId);
        assertThat(allProjects(ann)).contains(projectId);
        assertThat(ben.get("/api/v1/timeline?limit=500").expect(200).data().toString())
                .doesNotContain(projectId).doesNotContain(taskId).doesNotContain(attemptId);
        assertThat(ben.get("/api/v1/timeline?project_id=" + projectId).expect(200).data().get("items")).isEmpty();
        ben.get("/api/v1/aggregates/Task/" + taskId + "/history").expectError(404, "NOT_FOUND");
        String taskEvent = ann.get("/api/v1/aggregates/Task/" + taskId + "/history").expect(200).data()
                .get("items").get(0).get("event_id").asText();
        ben.get("/api/v1/events/" + taskEvent + "/causes").expectError(404, "NOT_FOUND");
        ann.get("/api/v1/events/" + taskEvent + "/causes").expect(200);

        assertThat(ann.get("/api/v1/tasks/" + taskId).expect(200).data().get("title").asText())
                .as("nothing Ben tried changed it").isEqualTo("Secret work");
        assertThat(ann.get("/api/v1/timeline?project_id=" + projectId + "&limit=500").expect(200).data().toString())
                .as("Ben's tries left no event").doesNotContain("\"user\":\"" + benName + "\"");
    }

    @Test
    void theTimelineOfAUserShowsTheirProjectsAttemptsToo() {
        String projectId = project(ann, null);
        String taskId = ann.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Mine"))
                .expect(201).data().get("task_id").asText();
        await().atMost(WAIT).until(() -> ann.get("/api/v1/timeline?project_id=" + projectId).expect(200).data()
                .get("items").size() == 2);
        assertThat(ann.get("/api/v1/timeline?limit=500").expect(200).data().toString()).contains(taskId);
        ann.get("/api/v1/aggregates/Task/" + taskId + "/history").expect(200);
    }

    @Test
    void aUserSeesTheirOwnAccountsEventsButNotAnothers() {
        await().atMost(WAIT).until(() -> ben.get("/api/v1/timeline?limit=500&aggregate_id=" + benId).expect(200)
                .data().get("items").size() >= 2);
        assertThat(Json.list(ben.get("/api/v1/timeline?limit=500&aggregate_id=" + benId).expect(200).data()
                .get("items"))).extracting(e -> e.get("type").asText()).contains("UserRegisteredEvent",
                "UserSignedInEvent");
        ben.get("/api/v1/aggregates/UserAccount/" + benId + "/history").expect(200);
        assertThat(ben.get("/api/v1/timeline?limit=500&aggregate_id=" + annId).expect(200).data().get("items"))
                .isEmpty();
        ben.get("/api/v1/aggregates/UserAccount/" + annId + "/history").expectError(404, "NOT_FOUND");
        String teamId = ann.post("/api/v1/teams", Json.obj("name", "Ann's")).expect(201).data().get("team_id")
                .asText();
        ben.get("/api/v1/aggregates/Team/" + teamId + "/history").expectError(404, "NOT_FOUND");
        ann.get("/api/v1/aggregates/Team/" + teamId + "/history").expect(200);
    }

    @Test
    void anotherUsersGraphsRunsAndMoxxyJobsAnswerAsIfTheyDidNotExist() {
        String projectId = project(ann, null);
        String planId = ann.post("/api/v1/projects/" + projectId + "/plans", SamplePlan.body()).expect(201).data()
                .get("plan_id").asText();
        String graphId = ann.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data().get("graph_id")
                .asText();
        String agent = agentProfile(ann, uniqueName("Sleeper"), null);
        String runId = ann.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 1, "agent_profile_id",
                agent)).expect(201).data().get("run_id").asText();
        String token = "tok-" + UUID.randomUUID();
        try (FakeMoxxy moxxy = FakeMoxxy.withToken(token)) {
            ann.put("/api/v1/moxxy/connection", Json.obj("base_url", moxxy.baseUrl().toString(), "token", token,
                    "token_kind", "internal")).expect(200);
            String taskId = ann.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Delegated"))
                    .expect(201).data().get("task_id").asText();
            JsonNode job = ann.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids",
                    List.of(taskId))).expect(201).data();
            String jobId = job.get("job_id").asText();
            await().atMost(WAIT).until(() -> ann.get("/api/v1/runs/" + runId).status() == 200
                    && ann.get("/api/v1/moxxy-jobs/" + jobId).status() == 200);

            List<String[]> probes = List.of(
                    new String[]{"GET", "/api/v1/graphs/%s", graphId},
                    new String[]{"POST", "/api/v1/graphs/%s/run", graphId},
                    new String[]{"GET", "/api/v1/runs/%s", runId},
                    new String[]{"GET", "/api/v1/runs/%s/diagram", runId},
                    new String[]{"POST", "/api/v1/runs/%s/pause", runId},
                    new String[]{"POST", "/api/v1/runs/%s/cancel", runId},
                    new String[]{"GET", "/api/v1/projects/%s/runs", projectId},
                    new String[]{"GET", "/api/v1/moxxy-jobs/%s", jobId},
                    new String[]{"GET", "/api/v1/moxxy-jobs/%s/workers", jobId},
                    new String[]{"GET", "/api/v1/moxxy-jobs/%s/events", jobId},
                    new String[]{"POST", "/api/v1/moxxy-jobs/%s/cancel", jobId},
                    new String[]{"POST", "/api/v1/moxxy-jobs/%s/approve-merge", jobId},
                    new String[]{"GET", "/api/v1/projects/%s/moxxy-jobs", projectId},
                    new String[]{"POST", "/api/v1/projects/%s/moxxy-jobs", projectId});
            assertThat(leaks(probes)).as("answers that differ from an unknown id's").isEmpty();
            assertThat(moxxy.job(job.get("moxxy_job_id").asText()).get("status").asText())
                    .as("Ben's cancel did not reach the job").isNotEqualTo("canceled");
            ann.post("/api/v1/runs/" + runId + "/cancel", "{}").expect(200);
        }
    }

    @Test
    void anotherUsersAgentProfileCannotBeSeenChangedOrUsed() {
        String annProfile = agentProfile(ann, "Ann's agent", null);
        String benProject = project(ben, null);
        String benTask = ben.post("/api/v1/projects/" + benProject + "/tasks", Json.obj("title", "Mine"))
                .expect(201).data().get("task_id").asText();
        await().atMost(WAIT).until(() -> ann.get("/api/v1/agents/" + annProfile).status() == 200);

        ben.get("/api/v1/agents/" + annProfile).expectError(404, "NOT_FOUND");
        ben.patch("/api/v1/agents/" + annProfile, Json.obj("model", "x")).expectError(404, "NOT_FOUND");
        ben.delete("/api/v1/agents/" + annProfile).expectError(404, "NOT_FOUND");
        assertThat(profileIds(ben)).doesNotContain(annProfile);
        ben.post("/api/v1/tasks/" + benTask + "/attempts", Json.obj("agent_profile_id", annProfile))
                .expectError(404, "NOT_FOUND");
        ben.post("/api/v1/tasks/" + benTask + "/agent-runs", Json.obj("agent_profile_id", annProfile))
                .expectError(404, "NOT_FOUND");
        ben.post("/api/v1/projects/" + benProject + "/tasks", Json.obj("title", "T", "agent_profile_id", annProfile))
                .expectError(404, "NOT_FOUND");
        ben.patch("/api/v1/tasks/" + benTask, Json.obj("agent_profile_id", annProfile)).expectError(404, "NOT_FOUND");
        assertThat(ben.get("/api/v1/timeline?limit=500&aggregate_id=" + annProfile).expect(200).data().get("items"))
                .isEmpty();
        ben.get("/api/v1/aggregates/AgentProfile/" + annProfile + "/history").expectError(404, "NOT_FOUND");

        String benProfile = agentProfile(ben, "Ann's agent", null); // names are unique per owner only
        await().atMost(WAIT).until(() -> profileIds(ben).contains(benProfile));
        assertThat(profileIds(ann)).contains(annProfile).doesNotContain(benProfile);
        ann.get("/api/v1/aggregates/AgentProfile/" + annProfile + "/history").expect(200);
    }

    @Test
    void aTeamsAgentProfileIsUsedByItsMembersAndOnlyReadByItsViewers() {
        String teamId = ann.post("/api/v1/teams", Json.obj("name", "Agents")).expect(201).data().get("team_id")
                .asText();
        ann.put("/api/v1/teams/" + teamId + "/members/" + benName, Json.obj("role", "viewer")).expect(200);
        String teamProfile = agentProfile(ann, "Team agent", teamId);
        await().atMost(WAIT).until(() -> ben.get("/api/v1/agents/" + teamProfile).status() == 200
                && profileIds(ben).contains(teamProfile));

        ben.patch("/api/v1/agents/" + teamProfile, Json.obj("model", "x")).expectError(403, "FORBIDDEN");
        ben.post("/api/v1/agents", Json.obj("name", "Viewer's", "adapter", "command", "command", List.of("true"),
                "team_id", teamId)).expectError(403, "FORBIDDEN");

        ann.put("/api/v1/teams/" + teamId + "/members/" + benName, Json.obj("role", "member")).expect(200);
        ben.patch("/api/v1/agents/" + teamProfile, Json.obj("model", "m2")).expect(200);
        String benProject = project(ben, null);
        String benTask = ben.post("/api/v1/projects/" + benProject + "/tasks", Json.obj("title", "Use it",
                "agent_profile_id", teamProfile)).expect(201).data().get("task_id").asText();
        ben.post("/api/v1/tasks/" + benTask + "/attempts", null).expect(201);
        ann.patch("/api/v1/agents/" + teamProfile, Json.obj("team_id", "another")).expectError(400,
                "VALIDATION_FAILED");
    }

    /**
     * Ben's answers to each probe ({method, path with %s, Ann's id}) that differ from his answers for an unknown id,
     * or are not 404: what would tell him Ann's thing exists.
     */
    private List<String> leaks(List<String[]> probes) {
        String unknown = UUID.randomUUID().toString();
        List<String> leaks = new ArrayList<>();
        for (String[] probe : probes) {
            String body = probe[0].equals("GET") || probe[0].equals("DELETE") ? null : "{}";
            Api.Response hidden = ben.send(probe[0], probe[1].formatted(probe[2]), body);
            Api.Response missing = ben.send(probe[0], probe[1].formatted(unknown), body);
            if (hidden.status() != 404 || missing.status() != 404
                    || !hidden.text().replace(probe[2], "ID").equals(missing.text().replace(unknown, "ID"))) {
                leaks.add(probe[0] + " " + probe[1] + ": " + hidden.status() + " " + hidden.text() + " / "
                        + missing.status() + " " + missing.text());
            }
        }
        return leaks;
    }

    private static String agentProfile(Api as, String name, String teamId) {
        String body = teamId == null
                ? Json.obj("name", name, "adapter", "command", "command", List.of("true"))
                : Json.obj("name", name, "adapter", "command", "command", List.of("true"), "team_id", teamId);
        return as.post("/api/v1/agents", body).expect(201).data().get("agent_profile_id").asText();
    }

    private static List<String> profileIds(Api as) {
        return Json.texts(as.get("/api/v1/agents?limit=500").expect(200).data().get("items"), "agent_profile_id");
    }

    @Test
    void aTeamProjectIsReadByItsViewersAndChangedByItsMembers() {
        String teamId = ann.post("/api/v1/teams", Json.obj("name", "Shop")).expect(201).data().get("team_id")
                .asText();
        ann.put("/api/v1/teams/" + teamId + "/members/" + benName, Json.obj("role", "viewer")).expect(200);
        String projectId = project(ann, teamId);

        await().atMost(WAIT).until(() -> allProjects(ben).contains(projectId));
        ben.get("/api/v1/projects/" + projectId + "?min_version=0").expect(200);
        ben.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "From a viewer"))
                .expectError(403, "FORBIDDEN");
        ben.post("/api/v1/projects", Json.obj("name", uniqueName("viewer's"), "local_path",
                GitRepos.create().toString(), "team_id", teamId)).expectError(403, "FORBIDDEN");

        ann.put("/api/v1/teams/" + teamId + "/members/" + benId, Json.obj("role", "member")).expect(200);
        ben.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "From a member")).expect(201);

        ann.delete("/api/v1/teams/" + teamId + "/members/" + benId).expect(200);
        ben.get("/api/v1/projects/" + projectId).expectError(404, "NOT_FOUND");
        assertThat(allProjects(ben)).doesNotContain(projectId);
    }

    @Test
    void aTeamYouAreNotInCannotOwnYourProject() {
        String teamId = ann.post("/api/v1/teams", Json.obj("name", "Ann's")).expect(201).data().get("team_id")
                .asText();
        ben.post("/api/v1/projects", Json.obj("name", uniqueName("p"), "local_path", GitRepos.create().toString(),
                "team_id", teamId)).expectError(404, "NOT_FOUND");
        String projectId = project(ann, null);
        ann.patch("/api/v1/projects/" + projectId, Json.obj("team_id", teamId)).expectError(400,
                "VALIDATION_FAILED");
    }

    private String project(Api as, String teamId) {
        String body = teamId == null
                ? Json.obj("name", uniqueName("p"), "local_path", GitRepos.create().toString())
                : Json.obj("name", uniqueName("p"), "local_path", GitRepos.create().toString(), "team_id", teamId);
        return as.post("/api/v1/projects", body).expect(201).data().get("project_id").asText();
    }

    private List<String> allProjects(Api as) {
        List<String> ids = new ArrayList<>();
        String after = "";
        do {
            JsonNode page = as.get("/api/v1/projects?limit=500&after=" + after).expect(200).data();
            page.get("items").forEach(p -> ids.add(p.get("project_id").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return ids;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String cookieOf(Api session) {
        return session.headerValue("Cookie");
    }
}
