package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.api.support.SamplePlan;
import dev.baton.api.support.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProjectionAdminApiTest extends ApiTestBase {

    private static final String PROJECTIONS = "/api/v1/admin/projections";
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(60);

    private JsonNode status(String name) {
        for (JsonNode projection : api.get(PROJECTIONS).expect(200).data()) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    /**
     * A board with history: creations, edits, moves between cards, a checklist mark, dependencies, deletions, attempts.
     */
    /** {@code lastTaskId} and {@code lastVersion}: the busy board's last change, a move. */
    private record Busy(String projectId, List<String> taskIds, long asOf, String lastTaskId, long lastVersion) {
    }

    private Busy busyBoard() {
        String projectId = createProject(uniqueName("Replayed"));
        String agent = api.post("/api/v1/agents", Json.obj("name", uniqueName("Replay agent"), "adapter", "codex"))
                .expect(201).data().get("agent_profile_id").asText();
        String sleeper = sleepingAgent();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(createTask(projectId, Json.obj("title", "Task " + i, "labels", List.of("l" + i % 2),
                    "acceptance_criteria", List.of("first", "second"), "column", i % 2 == 0 ? "todo" : "backlog")));
        }
        long asOf = boardAfter(projectId, ids.get(5), 0).get("position").asLong();
        move(ids.get(4), Json.obj("column", "todo", "before_task_id", ids.get(0)));
        move(ids.get(1), Json.obj("column", "todo", "after_task_id", ids.get(4)));
        moveTo(ids.get(3), "done");
        patchTask(ids.get(2), Json.obj("depends_on", List.of(ids.get(3), ids.get(5)), "agent_profile_id", agent));
        patchTask(ids.get(0), Json.obj("depends_on", List.of(ids.get(1)), "title", "Task 0 renamed", "priority", 1));
        api.post("/api/v1/tasks/" + ids.get(2) + "/checklist/1", Json.obj("done", true)).expect(200);
        api.delete("/api/v1/tasks/" + ids.get(1)).expect(200);
        String attempt = api.post("/api/v1/tasks/" + ids.get(3) + "/attempts", Json.obj("agent_profile_id", sleeper))
                .expect(201).data().get("attempt_id").asText();
        api.post("/api/v1/attempts/" + attempt + "/cancel", null).expect(200);
        String running = api.post("/api/v1/tasks/" + ids.get(4) + "/attempts", Json.obj("agent_profile_id", sleeper))
                .expect(201).data().get("attempt_id").asText();
        awaitAttempt(running, "running");
        awaitBoard(projectId, b -> card(b, ids.get(4)).map(c -> "running".equals(c.get("status").asText())).orElse(false));
        long last = moveTo(ids.get(5), "review");
        api.get("/api/v1/agents/" + agent + "?min_version=0").expect(200);
        task(ids.get(5), last);
        String lastTaskId = ids.get(5);
        ids.remove(1);
        return new Busy(projectId, ids, asOf, lastTaskId, last);
    }

    /** Everything the board projection serves for a project: live board, as-of board, project and task details. */
    private Map<String, JsonNode> boardReads(Busy busy) {
        Map<String, JsonNode> reads = new LinkedHashMap<>();
        reads.put("board", board(busy.projectId()));
        reads.put("board as of", board(busy.projectId(), "?as_of=" + busy.asOf()));
        reads.put("project", api.get("/api/v1/projects/" + busy.projectId()).expect(200).data());
        for (String id : busy.taskIds()) {
            reads.put("task " + id, api.get("/api/v1/tasks/" + id).expect(200).data());
        }
        return reads;
    }

    /** Starts a replay, checks that reads keep answering (200, unchanged) while it runs, and waits until it is live. */
    private void replayWhileReading(String name, Runnable readsUnchanged) {
        JsonNode started = api.post(PROJECTIONS + "/" + name + "/replay", null).expect(202).data();
        assertThat(started.get("name").asText()).isEqualTo(name);
        assertThat(started.get("status").asText()).isEqualTo("replaying");

        await().atMost(REPLAY_WAIT).pollInterval(Duration.ofMillis(25)).until(() -> {
            readsUnchanged.run();
            return status(name).get("status").asText().equals("live");
        });
    }

    @Test
    void theListShowsEveryProjectionWithItsPositionLagAndStatus() {
        JsonNode projections = api.get(PROJECTIONS).expect(200).data();

        assertThat(Json.texts(projections, "name")).contains("board", "agent-profiles", "timeline", "attempts");
        for (JsonNode projection : projections) {
            assertThat(projection.get("position").isIntegralNumber()).isTrue();
            assertThat(projection.get("lag").asLong()).isNotNegative();
            assertThat(projection.get("status").asText()).isIn("live", "replaying");
        }
    }

    @Test
    void aLiveProjectionCatchesUpWithTheStore() {
        String projectId = createProject(uniqueName("Lag"));
        String taskId = newTask(projectId, "lagging?");
        task(taskId, 0);

        await().atMost(WAIT).until(() -> status("board").get("lag").asLong() == 0);
        assertThat(status("board").get("position").asLong()).isPositive();
    }

    /** The board stream of a project from its first change up to a position. */
    private List<JsonNode> streamed(String projectId, long upTo) {
        try (SseClient stream = SseClient.open(base(), "/api/v1/projects/" + projectId + "/stream?after=0")) {
            return stream.until(message -> message.position() >= upTo, WAIT).stream().map(SseClient.Message::json).toList();
        }
    }

    @Test
    void aBoardReplayRebuildsExactlyTheSameBoard() {
        Busy busy = busyBoard();
        Map<String, JsonNode> before = boardReads(busy);
        List<JsonNode> streamedBefore = streamed(busy.projectId(), before.get("board").get("position").asLong());

        replayWhileReading("board", () -> assertThat(boardReads(busy)).isEqualTo(before));

        assertThat(boardReads(busy)).isEqualTo(before);
        assertThat(streamed(busy.projectId(), before.get("board").get("position").asLong())).isEqualTo(streamedBefore);
    }

    @Test
    void aReplayedBoardWhoseLatestChangeIsARemovalHasTheSamePosition() {
        String projectId = createProject(uniqueName("Removed last"));
        String kept = newTask(projectId, "kept");
        String removed = newTask(projectId, "removed");
        task(kept, 0);
        task(removed, 0);
        api.delete("/api/v1/tasks/" + removed).expect(200);
        JsonNode before = awaitBoard(projectId, "", b -> card(b, removed).isEmpty());

        replayWhileReading("board", () -> assertThat(board(projectId)).isEqualTo(before));

        assertThat(board(projectId)).isEqualTo(before);
    }

    @Test
    void aTimelineReplayRebuildsExactlyTheSameTimeline() {
        Busy busy = busyBoard();
        // the timeline is a projection of its own, a moment behind the board: wait for the board's last change in it
        awaitTimelineEvent(busy.projectId(), busy.lastTaskId(), busy.lastVersion());
        List<JsonNode> before = awaitTimeline(busy.projectId(), 17);

        replayWhileReading("timeline", () -> assertThat(timeline("project_id=" + busy.projectId())).isEqualTo(before));

        assertThat(timeline("project_id=" + busy.projectId())).isEqualTo(before);
    }

    @Test
    void anAgentProfilesReplayRebuildsTheSameProfiles() {
        String agent = api.post("/api/v1/agents", Json.obj("name", uniqueName("Replayed agent"), "adapter", "gemini",
                "env", Json.map("MODE", "x"))).expect(201).data().get("agent_profile_id").asText();
        long version = api.patch("/api/v1/agents/" + agent, Json.obj("model", "pro")).expect(200).data().get("version").asLong();
        JsonNode before = api.get("/api/v1/agents/" + agent + "?min_version=" + version).expect(200).data();

        replayWhileReading("agent-profiles",
                () -> assertThat(api.get("/api/v1/agents/" + agent).expect(200).data()).isEqualTo(before));

        assertThat(api.get("/api/v1/agents/" + agent).expect(200).data()).isEqualTo(before);
    }

    @Test
    void anAttemptsReplayRebuildsTheSameAttempts() {
        String projectId = createProject(uniqueName("Replayed attempts"));
        String agent = sleepingAgent();
        String taskId = newTask(projectId, "Attempted");
        String kept = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent, "prompt", "p"))
                .expect(201).data().get("attempt_id").asText();
        String cancelled = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent))
                .expect(201).data().get("attempt_id").asText();
        api.post("/api/v1/attempts/" + cancelled + "/cancel", Json.obj("reason", "duplicate")).expect(200);
        awaitAttempt(kept, "running");
        awaitAttempt(cancelled, "cancelled");
        JsonNode before = api.get("/api/v1/tasks/" + taskId + "/attempts").expect(200).data();

        replayWhileReading("attempts",
                () -> assertThat(api.get("/api/v1/tasks/" + taskId + "/attempts").expect(200).data()).isEqualTo(before));

        assertThat(api.get("/api/v1/tasks/" + taskId + "/attempts").expect(200).data()).isEqualTo(before);
    }

    @Test
    void plansAndRunsReplaysRebuildTheSamePlansGraphsRunsAndDiagrams() {
        String projectId = createProject(uniqueName("Replayed plan"));
        String planId = api.post("/api/v1/projects/" + projectId + "/plans", SamplePlan.body()).expect(201).data()
                .get("plan_id").asText();
        api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "mvp")).expect(200);
        JsonNode confirmed = api.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data();
        String graphId = confirmed.get("graph_id").asText();
        String runId = api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 1, "agent_profile_id",
                sleepingAgent())).expect(201).data().get("run_id").asText();
        await().atMost(WAIT).ignoreExceptions().until(() -> api.get("/api/v1/runs/" + runId + "/diagram").expect(200)
                .data().get("nodes").get(0).get("status").asText().equals("running"));
        api.post("/api/v1/runs/" + runId + "/pause", null).expect(200);
        await().atMost(WAIT).until(() -> api.get("/api/v1/projects/" + projectId + "/runs").expect(200).data()
                .get("items").get(0).get("status").asText().equals("paused"));
        JsonNode plan = api.get("/api/v1/plans/" + planId + "?version=1&min_version="
                + confirmed.get("version").asLong()).expect(200).data();
        JsonNode graph = api.get("/api/v1/graphs/" + graphId).expect(200).data();
        JsonNode runs = api.get("/api/v1/projects/" + projectId + "/runs").expect(200).data();
        JsonNode diagram = api.get("/api/v1/runs/" + runId + "/diagram").expect(200).data();

        replayWhileReading("plans", () -> {
            assertThat(api.get("/api/v1/plans/" + planId + "?version=1").expect(200).data()).isEqualTo(plan);
            assertThat(api.get("/api/v1/graphs/" + graphId).expect(200).data()).isEqualTo(graph);
        });
        replayWhileReading("runs", () -> {
            assertThat(api.get("/api/v1/projects/" + projectId + "/runs").expect(200).data()).isEqualTo(runs);
            assertThat(api.get("/api/v1/runs/" + runId + "/diagram").expect(200).data()).isEqualTo(diagram);
        });

        assertThat(api.get("/api/v1/runs/" + runId + "/diagram").expect(200).data()).isEqualTo(diagram);
        api.post("/api/v1/runs/" + runId + "/cancel", null).expect(200);
    }

    @Test
    void changesMadeDuringAReplayAreServedOnceItIsLive() {
        String projectId = createProject(uniqueName("During replay"));
        project(projectId, 0);

        api.post(PROJECTIONS + "/board/replay", null).expect(202);
        String taskId = newTask(projectId, "made during the replay");
        await().atMost(REPLAY_WAIT).until(() -> status("board").get("status").asText().equals("live"));

        assertThat(columnIds(awaitBoard(projectId, b -> card(b, taskId).isPresent()), "backlog")).containsExactly(taskId);
        assertThat(task(taskId, 0).get("title").asText()).isEqualTo("made during the replay");
    }

    @Test
    void aReplayOfAProjectionThatIsAlreadyReplayingIsRefused() {
        api.post(PROJECTIONS + "/board/replay", null).expect(202);

        api.post(PROJECTIONS + "/board/replay", null).expectError(409, "INVALID_STATE");

        await().atMost(REPLAY_WAIT).until(() -> status("board").get("status").asText().equals("live"));
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        api.post(PROJECTIONS + "/no-such-projection/replay", null).expectError(404, "NOT_FOUND");
    }
}
