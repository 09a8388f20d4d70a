package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.api.support.ServerProcessTest;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A moxxy job survives a SIGKILL of the server that follows it: what the job did while no server was up is read by
 * the next one from the job's recorded cursor, and every change of state and entry of moxxy's events list is in the
 * timeline once.
 */
class MoxxyRecoveryTest extends ServerProcessTest {

    private static final String[] FAST = {"--baton.moxxy.poll-interval=150ms", "--baton.moxxy.max-backoff=1s"};

    @Test
    void afterKillMinus9TheNextServerRecordsWhatTheJobDidOnce() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        try (FakeMoxxy moxxy = FakeMoxxy.withToken(token)) {
            moxxy.addAgent("default");
            Api api = servers.start(FAST);
            api.put("/api/v1/moxxy/connection", Json.obj("base_url", moxxy.baseUrl().toString(), "token", token,
                    "token_kind", "internal")).expect(200);
            String projectId = api.post("/api/v1/projects", Json.obj("name", "moxxy recovery",
                    "local_path", GitRepos.create().toString())).expect(201).data().get("project_id").asText();
            List<String> tasks = List.of(task(api, projectId, "One"), task(api, projectId, "Two"));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/moxxy/connection").status() == 200);
            JsonNode started = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs",
                    Json.obj("task_ids", tasks)).expect(201).data();
            String jobId = started.get("job_id").asText();
            String moxxyJobId = started.get("moxxy_job_id").asText();
            String worker = moxxy.startWorker(moxxyJobId, "default", "existing");
            await().atMost(Duration.ofSeconds(20)).until(() -> lastEventId(api, jobId) >= 2
                    && "executing".equals(state(api, jobId)));

            servers.killLast();
            moxxy.finishWorker(worker, "succeeded", "finished while Baton was down");
            moxxy.finish(moxxyJobId, "completed");

            Api restarted = servers.start(FAST);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(state(restarted, jobId)));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the job is " + restarted.get("/api/v1/moxxy-jobs/" + jobId).data()
                        + servers.logs(), e);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String taskId : tasks) {
                    JsonNode task = restarted.get("/api/v1/tasks/" + taskId).expect(200).data();
                    assertThat(task.get("status").asText()).isEqualTo("done");
                    assertThat(task.get("column").asText()).isEqualTo("done");
                    assertThat(task.get("moxxy").get("status").asText()).isEqualTo("completed");
                }
            });
            JsonNode timeline = restarted.get("/api/v1/timeline?aggregate_id=" + jobId + "&limit=500").expect(200)
                    .data().get("items");
            List<String> changes = timeline.findValues("payload").stream().filter(p -> p.has("to"))
                    .map(p -> p.get("to").asText()).toList();
            assertThat(changes).containsExactly("executing", "completed");
            List<Long> entries = timeline.findValues("payload").stream().filter(p -> p.has("event_id"))
                    .map(p -> p.get("event_id").asLong()).toList();
            assertThat(entries).hasSize(4).doesNotHaveDuplicates().isSorted();
        }
    }

    private static String task(Api api, String projectId, String title) {
        return api.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", title)).expect(201).data()
                .get("task_id").asText();
    }

    private static String state(Api api, String jobId) {
        Api.Response job = api.get("/api/v1/moxxy-jobs/" + jobId);
        return job.status() == 200 && !job.data().get("state").isNull() ? job.data().get("state").asText() : null;
    }

    private static long lastEventId(Api api, String jobId) {
        Api.Response job = api.get("/api/v1/moxxy-jobs/" + jobId);
        return job.status() == 200 ? job.data().get("last_event_id").asLong() : 0;
    }
}
