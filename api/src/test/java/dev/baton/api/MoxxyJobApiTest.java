package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs started on the (fake) moxxy instance from tasks of a board, followed by the tracker (polling every 150 ms in
 * tests, stalling a job after 3 s without an answer) onto the tasks, cancelled and approved.
 */
class MoxxyJobApiTest extends ApiTestBase {

    private FakeMoxxy moxxy;
    private String projectId;

    @BeforeEach
    void connected() {
        String token = "tok-" + UUID.randomUUID();
        moxxy = FakeMoxxy.withToken(token);
        moxxy.addAgent("default");
        long version = api.put("/api/v1/moxxy/connection", Json.obj("base_url", moxxy.baseUrl().toString(),
                "token", token, "token_kind", "internal")).expect(200).data().get("version").asLong();
        api.get("/api/v1/moxxy/connection?min_version=" + version).expect(200);
        projectId = createProject(uniqueName("Moxxy board"));
    }

    @AfterEach
    void stopFake() {
        moxxy.close();
    }

    private String task(String title, String description, List<String> criteria) {
        String taskId = createTask(projectId, Json.obj("title", title, "description", description,
                "acceptance_criteria", criteria));
        task(taskId, 0);
        return taskId;
    }

    @Test
    void aJobStartedFromThreeBacklogTasksCarriesThemInItsPromptAndLinksThem() {
        String login = task("Fix login bug", "Users are logged out", List.of("stays logged in"));
        String deps = task("Update deps", "", List.of());
        String docs = task("Write docs", "For the API", List.of("every endpoint", "examples"));

        JsonNode started = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs",
                Json.obj("task_ids", List.of(login, deps, docs), "max_parallelism", 2)).expect(201).data();
        String moxxyJobId = started.get("moxxy_job_id").asText();
        String prompt = moxxy.job(moxxyJobId).get("prompt").asText();
        assertThat(prompt).contains("1. Fix login bug", "Users are logged out", "- stays logged in", "2. Update deps",
                "3. Write docs", "- examples");

        JsonNode job = api.get("/api/v1/moxxy-jobs/" + started.get("job_id").asText() + "?min_version=0")
                .expect(200).data();
        assertThat(job.get("moxxy_job_id").asText()).isEqualTo(moxxyJobId);
        assertThat(job.get("agent").asText()).isEqualTo("default");
        assertThat(Json.texts(job.get("task_ids"), null)).containsExactly(login, deps, docs);
        assertThat(job.get("task_status").asText()).isEqualTo("queued");

        String jobId = started.get("job_id").asText();
        String second = start(List.of(task("Later", "", List.of()))).get("job_id").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(Json.texts(api.get("/api/v1/projects/" + projectId
                + "/moxxy-jobs").expect(200).data().get("items"), "job_id")).containsExactly(second, jobId));
        api.get("/api/v1/projects/" + UUID.randomUUID() + "/moxxy-jobs").expectError(404, "NOT_FOUND");
        moxxy.startWorker(moxxyJobId, "default", "existing");
        JsonNode workers = api.get("/api/v1/moxxy-jobs/" + jobId + "/workers").expect(200).data().get("items");
        assertThat(workers).hasSize(1);
        assertThat(workers.get(0).get("worker_agent").asText()).isEqualTo("default");

        JsonNode first = api.get("/api/v1/moxxy-jobs/" + jobId + "/events?limit=1").expect(200).data();
        assertThat(first.get("items")).hasSize(1);
        JsonNode rest = api.get("/api/v1/moxxy-jobs/" + jobId + "/events?after=" + first.get("next").asText())
                .expect(200).data();
        assertThat(rest.get("items")).isNotEmpty();
        assertThat(rest.get("items").get(0).get("id").asLong())
                .isGreaterThan(first.get("items").get(0).get("id").asLong());
        assertThat(Json.texts(rest.get("items"), "event_type")).contains("worker_started");
    }

    @Test
    void badJobsAreRefusedBeforeMoxxyIsAskedAndMoxxysRefusalsSaySo() {
        String mine = task("Mine", "", List.of());
        String other = createTask(createProject(uniqueName("Other board")), Json.obj("title", "Theirs"));
        api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of(mine, other)))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of()))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of(mine),
                "worker_mode", "sometimes")).expectError(400, "VALIDATION_FAILED");
        assertThat(jobStarts()).isZero();

        moxxy.rejectNextJob("Missing required vault key 'OPENAI_API_KEY' for provider 'openai'");
        JsonNode refused = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of(mine)))
                .expectError(502, "UPSTREAM_ERROR");
        assertThat(refused.get("message").asText()).contains("orchestration failed");
        assertThat(refused.get("details").get("upstream_status").asInt()).isEqualTo(200);
        api.get("/api/v1/moxxy-jobs/" + UUID.randomUUID()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/moxxy-jobs/" + UUID.randomUUID() + "/events").expectError(404, "NOT_FOUND");
        api.get("/api/v1/moxxy-jobs/" + UUID.randomUUID() + "/workers").expectError(404, "NOT_FOUND");
    }

    /**
     * The jobs started on this test's fake (the tracker also reads, on whichever moxxy is connected, the jobs earlier
     * tests left running: those are GETs).
     */
    private long jobStarts() {
        return moxxy.received().stream()
                .filter(r -> r.method().equals("POST") && r.uri().endsWith("/orchestrate/jobs")).count();
    }

    private JsonNode start(List<String> taskIds) {
        return api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", taskIds)).expect(201)
                .data();
    }

    private record Running(String jobId, String moxxyJobId) {
    }

    /** A job started from these tasks, once they show it running. */
    private Running startRunning(List<String> tasks) {
        JsonNode started = start(tasks);
        Running job = new Running(started.get("job_id").asText(), started.get("moxxy_job_id").asText());
        awaitTasks(tasks, "running", "in_progress", job.jobId(), "executing");
        return job;
    }

    /** The job once {@code check} holds of it. */
    private JsonNode awaitJob(String jobId, Predicate<JsonNode> check) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            Api.Response answer = api.get("/api/v1/moxxy-jobs/" + jobId);
            job[0] = answer.status() == 200 ? answer.data() : null;
            return job[0] != null && check.test(job[0]);
        });
        return job[0];
    }

    /** Waits until every task has this status in this column, linked to the job in moxxy state {@code state}. */
    private void awaitTasks(List<String> taskIds, String status, String column, String jobId, String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            JsonNode board = board(projectId);
            for (String taskId : taskIds) {
                JsonNode card = card(board, taskId).orElseThrow();
                assertThat(card.get("status").asText()).as("status of " + taskId).isEqualTo(status);
                assertThat(card.get("column").asText()).as("column of " + taskId).isEqualTo(column);
                assertThat(card.get("moxxy").get("job_id").asText()).isEqualTo(jobId);
                assertThat(card.get("moxxy").get("agent").asText()).isEqualTo("default");
                assertThat(card.get("moxxy").get("status").asText()).isEqualTo(state);
            }
        });
    }

    /** The types of the job's events in the timeline, in order. */
    private List<String> jobTimeline(String jobId) {
        return Json.texts(api.get("/api/v1/timeline?aggregate_id=" + jobId + "&limit=500").expect(200).data()
                .get("items"), "type");
    }

    /** Waits until the timeline (projected asynchronously) shows these changes of the job's state, in order. */
    private void awaitStateChanges(String jobId, String... states) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(stateChanges(jobId)).containsExactly(states));
    }

    private List<String> stateChanges(String jobId) {
        return api.get("/api/v1/timeline?aggregate_id=" + jobId + "&type=MoxxyJobStateChangedEvent&limit=500")
                .expect(200).data().findValues("payload").stream().map(payload -> payload.get("to").asText()).toList();
    }

    /**
     * The job's timeline holds these types (in any order: how moxxy's entries interleave with the state changes
     * depends on when the tracker read) and stays so for a few more reads: nothing is recorded twice.
     */
    private void awaitSettled(String jobId, List<String> types) {
        List<String> sorted = types.stream().sorted().toList();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> jobTimeline(jobId).stream().sorted().toList().equals(sorted));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobTimeline(jobId).stream().sorted().toList().equals(sorted));
    }

    private static List<String> repeated(String type, int times) {
        return Collections.nCopies(times, type);
    }

    @Test
    void theTasksRunThenAreDoneAsTheJobProgressesAndEachChangeIsOnceInTheTimeline() {
        List<String> tasks = List.of(task("Fix login bug", "", List.of()), task("Update deps", "", List.of()),
                task("Write docs", "", List.of()));
        Running running = startRunning(tasks);
        String jobId = running.jobId();
        String moxxyJobId = running.moxxyJobId();

        String worker = moxxy.startWorker(moxxyJobId, "default", "existing");
        moxxy.finishWorker(worker, "succeeded", "all three done");
        moxxy.finish(moxxyJobId, "completed");
        awaitTasks(tasks, "done", "done", jobId, "completed");

        JsonNode job = awaitJob(jobId, j -> j.get("state").asText().equals("completed"));
        assertThat(job.get("task_status").asText()).isEqualTo("done");
        assertThat(job.get("detail").asText()).isEqualTo("Orchestration completed");
        assertThat(job.get("tracking").asText()).isEqualTo("ok");
        // job_started, worker_started, worker_completed, done: each recorded once, in moxxy's order
        List<String> expected = new ArrayList<>(List.of("MoxxyJobStartedEvent"));
        expected.addAll(repeated("MoxxyJobProgressedEvent", 4));
        expected.addAll(List.of("MoxxyJobStateChangedEvent", "MoxxyJobStateChangedEvent"));
        awaitSettled(jobId, expected);
        awaitStateChanges(jobId, "executing", "completed");
        List<String> moxxyTypes = api.get("/api/v1/timeline?aggregate_id=" + jobId
                + "&type=MoxxyJobProgressedEvent&limit=500").expect(200).data().findValues("payload").stream()
                .map(payload -> payload.get("type").asText()).toList();
        assertThat(moxxyTypes).containsExactly("job_started", "worker_started", "worker_completed", "done");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(timeline("type=TaskMovedEvent&project_id=" + projectId)).hasSize(6));
    }

    @Test
    void cancellingAJobStopsItsTasksAndItsLateSecondDoneChangesNothing() {
        List<String> tasks = List.of(task("Refactor", "", List.of()), task("Rename", "", List.of()));
        Running running = startRunning(tasks);
        String jobId = running.jobId();
        String moxxyJobId = running.moxxyJobId();
        String worker = moxxy.startWorker(moxxyJobId, "default", "existing");

        JsonNode cancelled = api.post("/api/v1/moxxy-jobs/" + jobId + "/cancel", "").expect(200).data();
        assertThat(cancelled.get("state").asText()).isEqualTo("canceled");
        assertThat(cancelled.get("task_status").asText()).isEqualTo("stopped");
        assertThat(moxxy.job(moxxyJobId).get("status").asText()).isEqualTo("canceled");
        awaitTasks(tasks, "stopped", "in_progress", jobId, "canceled");

        // moxxy's workers go on after a cancel, and its executor appends a second done
        moxxy.finishWorker(worker, "succeeded", "finished anyway");
        moxxy.finish(moxxyJobId, "completed");
        api.post("/api/v1/moxxy-jobs/" + jobId + "/cancel", "").expectError(409, "INVALID_STATE");
        api.post("/api/v1/moxxy-jobs/" + jobId + "/approve-merge", "").expectError(409, "INVALID_STATE");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> stateChanges(jobId).equals(List.of("executing", "canceled")));
        awaitTasks(tasks, "stopped", "in_progress", jobId, "canceled");
        assertThat(moxxy.received().stream().filter(r -> r.uri().endsWith("/cancel"))).hasSize(1);
    }

    @Test
    void approvingTheMergeCompletesTheJobAndItsTasksOnce() {
        List<String> tasks = List.of(task("Ship it", "", List.of()));
        String jobId = startRunning(tasks).jobId();

        JsonNode approved = api.post("/api/v1/moxxy-jobs/" + jobId + "/approve-merge", "").expect(200).data();
        assertThat(approved.get("state").asText()).isEqualTo("completed");
        assertThat(approved.get("task_status").asText()).isEqualTo("done");
        JsonNode job = api.get("/api/v1/moxxy-jobs/" + jobId + "?min_version=" + approved.get("version").asLong())
                .expect(200).data();
        assertThat(job.get("detail").asText()).isEqualTo("Merge approved");
        awaitTasks(tasks, "done", "done", jobId, "completed");

        api.post("/api/v1/moxxy-jobs/" + jobId + "/approve-merge", "").expectError(409, "INVALID_STATE");
        assertThat(moxxy.received().stream().filter(r -> r.uri().endsWith("/approve-merge"))).hasSize(1);
        awaitStateChanges(jobId, "executing", "completed");
        api.post("/api/v1/moxxy-jobs/" + UUID.randomUUID() + "/approve-merge", "").expectError(404, "NOT_FOUND");
        api.post("/api/v1/moxxy-jobs/" + UUID.randomUUID() + "/cancel", "").expectError(404, "NOT_FOUND");
    }

    @Test
    void approvingAJobThatFailedOnMoxxyMeanwhileIsRefusedAndItsTasksFail() {
        List<String> tasks = List.of(task("Risky", "", List.of()));
        Running running = startRunning(tasks);
        String jobId = running.jobId();
        moxxy.finish(running.moxxyJobId(), "failed");
        // whether Baton read the failure first or learns it from moxxy after the approval, nothing is approved
        api.post("/api/v1/moxxy-jobs/" + jobId + "/approve-merge", "").expectError(409, "INVALID_STATE");
        awaitTasks(tasks, "failed", "in_progress", jobId, "failed");
        awaitStateChanges(jobId, "executing", "failed");
    }

    @Test
    void aJobMoxxyFailsAtItsStartIsRecordedWithItsTasksFailed() {
        List<String> tasks = List.of(task("Needs a key", "", List.of()));
        moxxy.rejectNextJob("Missing required vault key 'OPENAI_API_KEY' for provider 'openai'");
        JsonNode refused = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", tasks))
                .expectError(502, "UPSTREAM_ERROR");
        String jobId = refused.get("details").get("job_id").asText();
        JsonNode job = awaitJob(jobId, j -> "failed".equals(j.get("state").asText()));
        assertThat(job.get("detail").asText()).contains("Missing required vault key 'OPENAI_API_KEY'");
        assertThat(job.get("moxxy_job_id").asText()).isEqualTo(refused.get("details").get("moxxy_job_id").asText());
        awaitTasks(tasks, "failed", "backlog", jobId, "failed");
    }

    @Test
    void aTaskInAJobThatHasNotEndedIsNotGivenToAnother() {
        String busy = task("Busy", "", List.of());
        String free = task("Free", "", List.of());
        String jobId = startRunning(List.of(busy)).jobId();
        long startsBefore = jobStarts();
        JsonNode refused = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs",
                Json.obj("task_ids", List.of(free, busy))).expectError(409, "INVALID_STATE");
        assertThat(refused.get("message").asText()).contains(busy, jobId);
        assertThat(jobStarts()).isEqualTo(startsBefore);
    }

    @Test
    void whileMoxxyIsDownForAMinuteTheJobIsRetriedThenMarkedUnreachableAndNothingIsLost() {
        List<String> tasks = List.of(task("Survive an outage", "", List.of()), task("And another", "", List.of()));
        Running running = startRunning(tasks);
        String jobId = running.jobId();
        String moxxyJobId = running.moxxyJobId();

        moxxy.stop();
        JsonNode stalled = awaitJob(jobId, j -> j.get("tracking").asText().equals("unreachable"));
        assertThat(stalled.get("problem").asText()).contains("moxxy has not answered for 3 s", "cannot be reached");
        await().atMost(WAIT).untilAsserted(() -> assertThat(card(board(projectId), tasks.get(0)).orElseThrow()
                .get("moxxy").get("problem").asText()).contains("moxxy has not answered"));
        // the job goes on and ends while Baton cannot see it
        String worker = moxxy.startWorker(moxxyJobId, "default", "existing");
        moxxy.finishWorker(worker, "succeeded", "done in the dark");
        moxxy.finish(moxxyJobId, "completed");
        await().pollDelay(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(61))
                .until(() -> api.get("/api/v1/moxxy-jobs/" + jobId).data().get("state").asText().equals("executing"));

        moxxy.restart();
        JsonNode job = awaitJob(jobId, j -> j.get("tracking").asText().equals("ok"));
        assertThat(job.get("problem").isNull()).isTrue();
        awaitJob(jobId, j -> j.get("state").asText().equals("completed"));
        awaitTasks(tasks, "done", "done", jobId, "completed");
        await().atMost(WAIT).until(() -> card(board(projectId), tasks.get(0)).orElseThrow().get("moxxy")
                .path("problem").isMissingNode());
        awaitStateChanges(jobId, "executing", "completed");
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> types = jobTimeline(jobId);
            assertThat(types.stream().filter("MoxxyJobUnreachableEvent"::equals)).hasSize(1);
            assertThat(types.stream().filter("MoxxyJobStalledEvent"::equals)).hasSize(1);
            assertThat(types.stream().filter("MoxxyJobReachedAgainEvent"::equals)).hasSize(1);
            assertThat(types.stream().filter("MoxxyJobProgressedEvent"::equals)).hasSize(4);
        });
    }
}
