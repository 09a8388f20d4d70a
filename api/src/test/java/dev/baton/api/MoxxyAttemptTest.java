package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An attempt whose agent profile uses the {@code moxxy} adapter: the task goes to the named moxxy agent (as a job on
 * the fake moxxy), the job's progress is the attempt's log, and the changes the agent makes in the worktree go
 * through the gates to review like any agent's.
 */
class MoxxyAttemptTest extends ApiTestBase {

    private static final Pattern WORKTREE = Pattern.compile("Work in the directory (\\S+) on this machine");
    private FakeMoxxy moxxy;
    private String token;

    @BeforeEach
    void fake() {
        token = "tok-" + UUID.randomUUID();
        moxxy = FakeMoxxy.withToken(token);
        moxxy.addAgent("builder");
    }

    @AfterEach
    void stopFake() {
        moxxy.close();
    }

    private String attemptOfAMoxxyProfile() {
        String projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("moxxy attempts"), "local_path",
                GitRepos.create().toString(), "commands", Json.map("test", "test -f hello.txt"))).expect(201).data()
                .get("project_id").asText();
        String taskId = createTask(projectId, Json.obj("title", "Say hello", "description", "Write hello.txt"));
        String profileId = api.post("/api/v1/agents", Json.obj("name", uniqueName("moxxy builder"), "adapter", "moxxy",
                "model", "builder")).expect(201).data().get("agent_profile_id").asText();
        await().atMost(WAIT).until(() -> api.get("/api/v1/tasks/" + taskId).status() == 200
                && api.get("/api/v1/agents/" + profileId).status() == 200);
        return api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", profileId)).expect(201)
                .data().get("attempt_id").asText();
    }

    @Test
    void theTaskGoesToTheMoxxyAgentAndItsProgressIsTheAttemptsLog() throws Exception {
        long version = api.put("/api/v1/moxxy/connection", Json.obj("base_url", moxxy.baseUrl().toString(),
                "token", token, "token_kind", "internal")).expect(200).data().get("version").asLong();
        api.get("/api/v1/moxxy/connection?min_version=" + version).expect(200);
        String attemptId = attemptOfAMoxxyProfile();

        String jobId = await().atMost(WAIT).until(() -> moxxy.jobIds().stream().findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        JsonNode job = moxxy.job(jobId);
        assertThat(job.path("agent_name").asText()).isEqualTo("builder");
        Matcher worktree = WORKTREE.matcher(job.path("prompt").asText());
        assertThat(worktree.find()).as("the prompt names the worktree: " + job.path("prompt")).isTrue();
        assertThat(job.path("prompt").asText()).contains("Say hello", "Write hello.txt");
        awaitAttempt(attemptId, "running");

        // the moxxy agent works in the worktree it was told about
        String worker = moxxy.startWorker(jobId, "builder", "native");
        Files.writeString(Path.of(worktree.group(1)).resolve("hello.txt"), "hello from moxxy\n");
        moxxy.finishWorker(worker, "succeeded", "Wrote hello.txt");
        moxxy.finish(jobId, "completed");

        JsonNode review = awaitAttempt(attemptId, "review_ready");
        assertThat(review.get("summary").asText()).contains("Wrote hello.txt");
        assertThat(review.get("gates").get(0).get("exit_code").asInt()).isZero();
        assertThat(review.get("diff_stat").get("files").asInt()).isEqualTo(1);
        String logs = api.get("/api/v1/attempts/" + attemptId + "/logs?limit=500").expect(200).data().toString();
        assertThat(logs).contains("moxxy job " + jobId + " started on agent builder", "Orchestration completed")
                .doesNotContain(token);
    }

    @Test
    void withoutAConnectedMoxxyTheAttemptFailsSayingSo() {
        api.delete("/api/v1/moxxy/connection");
        await().atMost(WAIT).until(() -> api.get("/api/v1/moxxy/connection").status() == 404);
        String attemptId = attemptOfAMoxxyProfile();
        JsonNode failed = awaitAttempt(attemptId, "failed");
        assertThat(failed.get("failure_reason").asText())
                .isEqualTo("no moxxy instance is connected: PUT /api/v1/moxxy/connection first");
        assertThat(moxxy.received()).isEmpty();
    }
}
