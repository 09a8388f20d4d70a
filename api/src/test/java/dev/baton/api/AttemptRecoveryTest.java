package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.AgentRuns;
import dev.baton.api.support.Api;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.api.support.ServerProcessTest;
import dev.baton.runner.process.Processes;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real server process, killed with SIGKILL while attempts run, then started again on the same data folder: an
 * agent still running is re-attached and its log continues without gap or duplicate; one that exited meanwhile is
 * finished from its exit status and output; one that vanished without an exit status fails saying so.
 */
class AttemptRecoveryTest extends ServerProcessTest {

    @Test
    void afterKillMinus9EveryAttemptCarriesOnOrEndsWithAReason() throws Exception {
        Api api = servers.start();
        Path repo = GitRepos.create();
        String projectId = api.post("/api/v1/projects", Json.obj("name", "Recovery", "local_path", repo.toString(),
                "commands", Map.of("test", "true"))).expect(201).data().get("project_id").asText();
        // ticks until the test lets it stop, after the second server started and re-attached to it
        Path stopTicking = markers.resolve("stop-ticking");
        String ticking = startAttempt(api, projectId, "i=0; while [ ! -e " + stopTicking + " ]; do i=$((i+1));"
                + " echo tick $i; sleep 0.1; done; echo ticked > ticks.txt");
        // waits for a file the test writes while no server runs, then ends
        Path go = markers.resolve("go");
        String finishing = startAttempt(api, projectId, "while [ ! -e " + go + " ]; do sleep 0.05; done;"
                + " echo finished; echo done > done.txt");
        // sleeps until the test kills its whole process group while no server runs
        String vanishing = startAttempt(api, projectId, "sleep 600");
        awaitStatus(api, vanishing, "running");
        awaitStatus(api, finishing, "running");
        await().atMost(Duration.ofSeconds(30)).until(() -> ticks(api, ticking).size() >= 5);

        servers.killLast();
        Files.writeString(go, "go");
        long agent = AgentRuns.pid(AgentRuns.files(dataDir, vanishing));
        killGroup(agent);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(agent));

        Api restarted = servers.start();
        int before = ticks(restarted, ticking).size();
        await().atMost(Duration.ofSeconds(30)).until(() -> ticks(restarted, ticking).size() > before + 5);
        Files.writeString(stopTicking, "stop");

        JsonNode ticked = awaitStatus(restarted, ticking, "review_ready");
        List<Integer> ticks = ticks(restarted, ticking);
        assertThat(ticks).as("every line once, in order, across the restart").isEqualTo(range(1, ticks.size()));
        assertThat(ticked.get("diff_stat").get("files").asInt()).isEqualTo(1);
        JsonNode finished = awaitStatus(restarted, finishing, "review_ready");
        assertThat(finished.get("diff_stat").get("files").asInt()).isEqualTo(1);
        assertThat(messages(restarted, finishing)).contains("finished");
        JsonNode vanished = awaitStatus(restarted, vanishing, "failed");
        assertThat(vanished.get("failure_reason").asText()).contains("without an exit status");
        List<Long> seqs = log(restarted, ticking).stream().map(m -> m.get("seq").asLong()).toList();
        assertThat(seqs).isEqualTo(range(1, seqs.size()).stream().map(Integer::longValue).toList());
    }

    /** A paused agent stays suspended through a restart (the runner re-attaches to it as paused) until resumed. */
    @Test
    void aPausedAgentStaysSuspendedAcrossARestartUntilItsTaskIsResumed() throws Exception {
        Api api = servers.start();
        String projectId = api.post("/api/v1/projects", Json.obj("name", "Paused recovery", "local_path",
                GitRepos.create().toString(), "commands", Map.of("test", "true"))).expect(201).data()
                .get("project_id").asText();
        Path go = markers.resolve("go");
        String attemptId = startAttempt(api, projectId, "while [ ! -e " + go + " ];"
                + " do sleep 0.05; done; echo done > done.txt");
        awaitStatus(api, attemptId, "running");
        String taskId = api.get("/api/v1/attempts/" + attemptId).expect(200).data().get("task_id").asText();
        long agent = AgentRuns.pid(AgentRuns.files(dataDir, attemptId));
        api.post("/api/v1/tasks/" + taskId + "/pause", null).expect(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Processes.isSuspended(agent));

        servers.killLast();
        Files.writeString(go, "go");
        Api restarted = servers.start();
        assertThat(Processes.isSuspended(agent)).as("still suspended after the restart").isTrue();
        assertThat(awaitStatus(restarted, attemptId, "running").get("status").asText()).isEqualTo("running");

        restarted.post("/api/v1/tasks/" + taskId + "/resume", null).expect(200);
        awaitStatus(restarted, attemptId, "review_ready");
    }

    private String startAttempt(Api api, String projectId, String script) {
        String agent = api.post("/api/v1/agents", Json.obj("name", "agent-" + System.nanoTime(), "adapter", "command",
                "command", List.of("bash", "-c", script))).expect(201).data().get("agent_profile_id").asText();
        String taskId = api.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Survive"))
                .expect(201).data().get("task_id").asText();
        return api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent)).expect(201)
                .data().get("attempt_id").asText();
    }

    private JsonNode awaitStatus(Api api, String attemptId, String status) throws IOException {
        Api.Response[] answer = new Api.Response[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                answer[0] = api.get("/api/v1/attempts/" + attemptId);
                return answer[0].status() == 200 && status.equals(answer[0].data().get("status").asText());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("attempt " + attemptId + " did not become " + status + "; last answer: "
                    + (answer[0] == null ? null : answer[0].text()) + servers.logs(), e);
        }
        return answer[0].data();
    }

    /** Every stored message of the attempt's log, all pages. */
    private static List<JsonNode> log(Api api, String attemptId) {
        List<JsonNode> messages = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = api.get("/api/v1/attempts/" + attemptId + "/logs?limit=500" + after).expect(200).data();
            messages.addAll(Json.list(page.get("items")));
            if (page.get("next").isNull()) {
                return messages;
            }
            after = "&after=" + page.get("next").asText();
        }
    }

    private static List<String> messages(Api api, String attemptId) {
        return log(api, attemptId).stream()
                .filter(m -> m.get("event").get("kind").asText().equals("LOG"))
                .map(m -> m.get("event").get("payload").get("message").asText()).toList();
    }

    private static List<Integer> ticks(Api api, String attemptId) {
        return messages(api, attemptId).stream().filter(m -> m.startsWith("tick "))
                .map(m -> Integer.parseInt(m.substring(5))).toList();
    }

    private static List<Integer> range(int first, int last) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    /** SIGKILL to the agent's whole process group, its wrapper included: no exit status is written. */
    private static void killGroup(long pid) throws IOException, InterruptedException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String group = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2];
        new ProcessBuilder("bash", "-c", "kill -KILL -- -" + group).inheritIO().start().waitFor();
    }
}
