package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.AgentRuns;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.runner.attempt.RunnerSettings;
import dev.baton.runner.process.Processes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The task controls on real agents: `command` agents (bash scripts) that tell the test what they
 * were given through files outside their workspace, and wait for the test's go-ahead where the test needs them to.
 */
class TaskControlRunTest extends ApiTestBase {

    @TempDir
    Path dir;
    @Autowired
    RunnerSettings settings;
    private String projectId;

    @BeforeEach
    void project() {
        projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("Controls"), "local_path",
                GitRepos.create().toString(), "commands", Map.of("test", "true"))).expect(201).data()
                .get("project_id").asText();
    }

    private String agent(String script) {
        return api.post("/api/v1/agents", Json.obj("name", uniqueName("Script"), "adapter", "command",
                "command", List.of("bash", "-c", script))).expect(201).data().get("agent_profile_id").asText();
    }

    private String start(String taskId, String agent) {
        return api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent)).expect(201).data()
                .get("attempt_id").asText();
    }

    private long control(String taskId, String control) {
        return api.post("/api/v1/tasks/" + taskId + "/" + control, null).expect(200).data().get("version").asLong();
    }

    /** Waits for the file {@code go} and leaves a file in its workspace. */
    private String waitingAgent() {
        return agent("while [ ! -e " + dir.resolve("go") + " ]; do sleep 0.05; done; echo done > done.txt");
    }

    private long agentPid(String attemptId) {
        return AgentRuns.pid(settings.agentFiles(attemptId));
    }

    /** The process's state letter in /proc ({@code T}: stopped by a signal). */
    private List<String> logMessages(String attemptId) {
        return Json.list(api.get("/api/v1/attempts/" + attemptId + "/logs").expect(200).data().get("items")).stream()
                .filter(m -> m.get("event").get("kind").asText().equals("LOG"))
                .map(m -> m.get("event").get("payload").get("message").asText()).toList();
    }

    @Test
    void pausingSuspendsTheRunningAgentAndResumingContinuesIt() throws IOException {
        String taskId = newTask(projectId, "Pause me");
        String attemptId = start(taskId, waitingAgent());
        awaitAttempt(attemptId, "running");
        long pid = agentPid(attemptId);

        long paused = control(taskId, "pause");
        await().atMost(WAIT).until(() -> Processes.isSuspended(pid));
        Files.writeString(dir.resolve("go"), "go");
        assertThat(task(taskId, paused).get("status").asText()).isEqualTo("paused");
        assertThat(Processes.isSuspended(pid)).as("still suspended, although it may go on now").isTrue();
        assertThat(awaitAttempt(attemptId, "running", "review_ready").get("status").asText()).isEqualTo("running");

        long resumed = control(taskId, "resume");
        awaitAttempt(attemptId, "review_ready");
        assertThat(task(taskId, resumed).get("status").asText()).isEqualTo("review_ready");
        assertThat(logMessages(attemptId)).containsSubsequence(
                "the task was paused: its agent is suspended until it is resumed",
                "the task was resumed: its agent continues");
    }

    @Test
    void aQueuedAttemptOfAPausedTaskWaitsUntilTheTaskIsResumed() {
        api.patch("/api/v1/projects/" + projectId, Json.obj("budgets", Map.of("max_parallel_attempts", 1))).expect(200);
        String sleeping = sleepingAgent();
        String first = start(newTask(projectId, "Holds the project's only slot"), sleeping);
        awaitAttempt(first, "running");
        String pausedTask = newTask(projectId, "Paused while queued");
        String waiting = start(pausedTask, sleeping);
        control(pausedTask, "pause");
        String later = start(newTask(projectId, "Queued after it"), sleeping);

        api.post("/api/v1/attempts/" + first + "/cancel", null).expect(200);
        awaitAttempt(later, "running");
        assertThat(awaitAttempt(waiting, "queued").get("status").asText())
                .as("the older attempt of the paused task was passed over").isEqualTo("queued");

        control(pausedTask, "resume");
        api.post("/api/v1/attempts/" + later + "/cancel", null).expect(200);
        awaitAttempt(waiting, "running");
    }

    @Test
    void stoppingCancelsTheTasksAttemptsAndEndsTheAgent() {
        String taskId = newTask(projectId, "Stop me");
        String running = start(taskId, waitingAgent());
        awaitAttempt(running, "running");
        long pid = agentPid(running);
        control(taskId, "pause");
        await().atMost(WAIT).until(() -> Processes.isSuspended(pid));

        long stopped = control(taskId, "stop");
        awaitAttempt(running, "cancelled");
        await().atMost(WAIT).until(() -> !Processes.isRunning(pid));
        assertThat(task(taskId, stopped).get("status").asText()).isEqualTo("stopped");
        awaitBoard(projectId, board -> card(board, taskId).orElseThrow().get("last_outcome").asText().equals("cancelled"));
        assertThat(card(board(projectId), taskId).orElseThrow().get("status").asText()).isEqualTo("stopped");
        List<JsonNode> cancels = timeline("aggregate_id=" + running + "&type=AttemptCancelledEvent");
        assertThat(cancels).hasSize(1);
        assertThat(cancels.get(0).get("payload").get("reason").asText()).isEqualTo("the task was stopped");
        assertThat(cancels.get(0).get("metadata").get("user").asText()).as("the person who stopped the task")
                .isNotEqualTo("baton-runner");
    }

    /**
     * The agent's first turn waits until the steering is in the task's context; its next turn (the script again, for
     * a `command` agent) gets the steering as its prompt, before the gates. A new attempt's prompt carries it too.
     */
    @Test
    void aSteeringReachesTheRunningAgentAtItsNextTurnAndEveryLaterAttempt() throws IOException {
        String script = "n=$(( $(cat " + dir.resolve("turns") + " 2>/dev/null || echo 0) + 1 )); echo $n > "
                + dir.resolve("turns") + "; printf '%s' \"$BATON_PROMPT\" > " + dir.resolve("prompt-") + "$n;"
                + " cat > " + dir.resolve("stdin-") + "$n;"
                + " if [ $n = 1 ]; then while [ ! -e " + dir.resolve("go") + " ]; do sleep 0.05; done; fi;"
                + " echo turn $n > turn-$n.txt";
        String agent = agent(script);
        String taskId = newTask(projectId, "Steer me");
        String attemptId = start(taskId, agent);
        awaitAttempt(attemptId, "running");

        long steered = api.post("/api/v1/tasks/" + taskId + "/steer", Json.obj("comment", "Use tabs, not spaces",
                "prompt_patch", "Indent every file with tabs.")).expect(200).data().get("version").asLong();
        assertThat(task(taskId, steered).get("steering")).hasSize(1);
        Files.writeString(dir.resolve("go"), "go");

        JsonNode attempt = awaitAttempt(attemptId, "review_ready");
        assertThat(Files.readString(dir.resolve("turns")).strip()).isEqualTo("2");
        assertThat(Files.readString(dir.resolve("prompt-1"))).contains("# Task: Steer me").doesNotContain("Use tabs");
        assertThat(Files.readString(dir.resolve("prompt-2"))).contains("Use tabs, not spaces",
                "Indent every file with tabs.").doesNotContain("# Task");
        assertThat(Files.readString(dir.resolve("stdin-2"))).isEqualTo(Files.readString(dir.resolve("prompt-2")));
        assertThat(attempt.get("diff_stat").get("files").asInt()).as("both turns worked in one workspace").isEqualTo(2);

        String next = start(taskId, agent);
        awaitAttempt(next, "review_ready");
        assertThat(Files.readString(dir.resolve("turns")).strip()).as("the steering is not a turn again").isEqualTo("3");
        assertThat(Files.readString(dir.resolve("prompt-3"))).contains("# Task: Steer me", "## Steering",
                "Use tabs, not spaces", "Indent every file with tabs.");
    }
}
