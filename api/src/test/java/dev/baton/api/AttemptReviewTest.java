package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a reviewer does with an attempt, through HTTP on a real repository: approve and merge (the commit lands on
 * the main branch and in the user's clean checkout, the card goes to Done), a merge conflict, request changes (a new
 * attempt on top of the first one's branch, with the feedback in its prompt), follow-up messages, and a pull request
 * that cannot be opened.
 */
class AttemptReviewTest extends ApiTestBase {

    private Path repo;
    private String projectId;

    @BeforeEach
    void project() {
        repo = GitRepos.create();
        projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("Review"), "local_path", repo.toString(),
                        "commands", Map.of("test", "true")))
                .expect(201).data().get("project_id").asText();
    }

    /** An agent that appends its prompt's first line to notes.txt. */
    private String notesAgent() {
        return api.post("/api/v1/agents", Json.obj("name", uniqueName("Notes"), "adapter", "command", "command",
                List.of("bash", "-c", "printf '%s\\n' \"$BATON_PROMPT\" | head -1 >> notes.txt"))).expect(201).data()
                .get("agent_profile_id").asText();
    }

    private String reviewed(String taskId, String agent) {
        String attemptId = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent))
                .expect(201).data().get("attempt_id").asText();
        awaitAttempt(attemptId, "review_ready");
        return attemptId;
    }

    @Test
    void approvingMergesIntoMainAndTheCleanCheckoutAndTheCardIsDone() throws Exception {
        String taskId = createTask(projectId, Json.obj("title", "Write notes"));
        String attemptId = reviewed(taskId, notesAgent());

        api.post("/api/v1/attempts/" + attemptId + "/approve", Json.obj("mode", "merge")).expect(200);

        JsonNode merged = awaitAttempt(attemptId, "merged");
        String commit = merged.get("merge").get("commit").asText();
        try (Git git = Git.open(repo.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit main = walk.parseCommit(git.getRepository().resolve("refs/heads/main"));
            assertThat(main.getName()).isEqualTo(commit).isEqualTo(merged.get("head_commit").asText());
            assertThat(git.status().call().isClean()).as("the checkout followed main").isTrue();
        }
        assertThat(Files.readString(repo.resolve("notes.txt"))).isEqualTo("# Task: Write notes\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> !workspaceIds().contains(attemptId));
        awaitBoard(projectId, b -> card(b, taskId).map(c -> c.get("column").asText().equals("done")).orElse(false));
        awaitTimelineEvent(projectId, attemptId, 0);
        assertThat(api.post("/api/v1/attempts/" + attemptId + "/approve", Json.obj("mode", "merge"))
                .expectError(409, "INVALID_STATE").get("message").asText()).contains("is merged");
    }

    @Test
    void aConflictKeepsTheAttemptInReviewWithTheFilesAndWhatToDo() throws Exception {
        String taskId = createTask(projectId, Json.obj("title", "Write notes"));
        String attemptId = reviewed(taskId, notesAgent());
        try (Git git = Git.open(repo.toFile())) {
            Files.writeString(repo.resolve("notes.txt"), "written by hand\n");
            git.add().addFilepattern("notes.txt").call();
            git.commit().setMessage("notes by hand").setAuthor("Me", "me@example.com")
                    .setCommitter("Me", "me@example.com").setSign(false).call();
        }
        String mainBefore = head();

        api.post("/api/v1/attempts/" + attemptId + "/approve", Json.obj("mode", "merge")).expect(200);

        JsonNode attempt = awaitAttempt(attemptId, "review_ready", "merged");
        assertThat(attempt.get("status").asText()).isEqualTo("review_ready");
        JsonNode conflict = attempt.get("merge").get("conflict");
        assertThat(Json.texts(conflict.get("files"))).containsExactly("notes.txt");
        assertThat(conflict.get("message").asText()).contains("conflicts in notes.txt", "request changes");
        assertThat(head()).as("main did not move").isEqualTo(mainBefore);
        assertThat(Files.readString(repo.resolve("notes.txt"))).isEqualTo("written by hand\n");
    }

    @Test
    void requestingChangesContinuesFromTheFirstAttemptsBranchWithTheFeedback() throws Exception {
        String taskId = createTask(projectId, Json.obj("title", "Write notes"));
        String first = reviewed(taskId, notesAgent());
        String firstHead = api.get("/api/v1/attempts/" + first).expect(200).data().get("head_commit").asText();

        JsonNode answer = api.post("/api/v1/attempts/" + first + "/request-changes", Json.obj("feedback", "Add more"))
                .expect(201).data();

        String second = answer.get("attempt_id").asText();
        JsonNode attempt = awaitAttempt(second, "review_ready");
        assertThat(attempt.get("previous_attempt_id").asText()).isEqualTo(first);
        assertThat(attempt.get("feedback").asText()).isEqualTo("Add more");
        assertThat(attempt.get("base_commit").asText()).as("it starts where the first ended").isEqualTo(firstHead);
        JsonNode diff = api.get("/api/v1/attempts/" + second + "/diff").expect(200).data();
        assertThat(diff.get("files").get(0).get("patch").asText()).contains("+# Task: Write notes")
                .doesNotContain("-# Task");
        assertThat(api.get("/api/v1/attempts/" + first).expect(200).data().get("status").asText())
                .isEqualTo("review_ready");
    }

    @Test
    void aMessageContinuesTheFinishedAttemptWithTheTextAsTheNextTurn() {
        String taskId = createTask(projectId, Json.obj("title", "Write notes"));
        String first = reviewed(taskId, notesAgent());

        String second = api.post("/api/v1/attempts/" + first + "/messages", Json.obj("text", "Also say bye"))
                .expect(201).data().get("attempt_id").asText();

        awaitAttempt(second, "review_ready");
        JsonNode diff = api.get("/api/v1/attempts/" + second + "/diff").expect(200).data();
        assertThat(diff.get("files").get(0).get("patch").asText()).contains("+# Task: Write notes");
        assertThat(api.get("/api/v1/attempts/" + second).expect(200).data().get("prompt").asText())
                .isEqualTo("Also say bye");
    }

    @Test
    void continuingIsRefusedWhileTheAgentWorksAndBadBodiesAreRefused() {
        String taskId = createTask(projectId, Json.obj("title", "Sleep"));
        String attemptId = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", sleepingAgent()))
                .expect(201).data().get("attempt_id").asText();
        awaitAttempt(attemptId, "running");

        assertThat(api.post("/api/v1/attempts/" + attemptId + "/messages", Json.obj("text", "hi"))
                .expectError(409, "INVALID_STATE").get("message").asText()).contains("is running");
        api.post("/api/v1/attempts/" + attemptId + "/request-changes", Json.obj("feedback", "more"))
                .expectError(409, "INVALID_STATE");
        api.post("/api/v1/attempts/" + attemptId + "/request-changes", "{}").expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/attempts/" + attemptId + "/messages", Json.obj("text", " ")).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/attempts/" + attemptId + "/messages", Json.obj("txt", "hi")).expectError(400, "VALIDATION_FAILED");
        String unknown = "00000000-0000-0000-0000-000000000000";
        api.post("/api/v1/attempts/" + unknown + "/request-changes", Json.obj("feedback", "x")).expectError(404, "NOT_FOUND");
        api.post("/api/v1/attempts/" + unknown + "/messages", Json.obj("text", "x")).expectError(404, "NOT_FOUND");
        assertThat(api.get("/api/v1/tasks/" + taskId + "/attempts").expect(200).data().get("items")).hasSize(1);
    }

    @Test
    void aPullRequestWithoutAGitHubTokenSendsTheAttemptBackToReviewSayingWhy() {
        String taskId = createTask(projectId, Json.obj("title", "Write notes"));
        String attemptId = reviewed(taskId, notesAgent());

        api.post("/api/v1/attempts/" + attemptId + "/approve", Json.obj("mode", "pr")).expect(200);

        JsonNode attempt = awaitAttempt(attemptId, "review_ready", "pr_created");
        assertThat(attempt.get("status").asText()).isEqualTo("review_ready");
        assertThat(attempt.get("merge").get("conflict").get("message").asText())
                .contains("no GitHub token is configured");
    }

    /**
     * A Claude Code CLI stand-in (the profile's command replaces the executable; the CLI's own flags follow as
     * arguments): it writes its arguments to a file, prints the real CLI's stream-json lines with a session id and
     * its usage, and writes hello.txt.
     */
    private String fakeClaude(Path argsFile) {
        String script = "printf '%s\\n' \"$*\" >> " + argsFile + ";"
                + " echo '{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"sess-42\",\"model\":\"claude-sonnet-4-5\"}';"
                + " echo hello >> hello.txt;"
                + " echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":1,"
                + "\"result\":\"Wrote hello.txt\",\"session_id\":\"sess-42\",\"total_cost_usd\":0.0018,"
                + "\"usage\":{\"input_tokens\":100,\"output_tokens\":20}}'";
        return api.post("/api/v1/agents", Json.obj("name", uniqueName("Claude"), "adapter", "claude-code", "command",
                List.of("bash", "-c", script, "claude"))).expect(201).data().get("agent_profile_id").asText();
    }

    @Test
    void aCliAgentsUsageAndResultReachTheAttemptAndAFollowUpResumesItsSession() throws Exception {
        Path argsFile = Files.createTempFile("claude-args", ".txt");
        String taskId = createTask(projectId, Json.obj("title", "Say hello"));
        String first = reviewed(taskId, fakeClaude(argsFile));

        JsonNode attempt = api.get("/api/v1/attempts/" + first).expect(200).data();
        assertThat(attempt.get("usage").get("input_tokens").asLong()).isEqualTo(100);
        assertThat(attempt.get("usage").get("output_tokens").asLong()).isEqualTo(20);
        assertThat(attempt.get("usage").get("cost_usd").asDouble()).isEqualTo(0.0018);
        assertThat(attempt.get("summary").asText()).startsWith("Wrote hello.txt");

        String second = api.post("/api/v1/attempts/" + first + "/request-changes", Json.obj("feedback", "Say it twice"))
                .expect(201).data().get("attempt_id").asText();

        awaitAttempt(second, "review_ready");
        String args = Files.readString(argsFile);
        int followUp = args.indexOf("-p A reviewer looked at your changes");
        assertThat(followUp).as("the follow-up's prompt is the feedback").isPositive();
        assertThat(args.substring(0, followUp)).startsWith("-p # Task: Say hello").doesNotContain("--resume");
        assertThat(args.substring(followUp)).contains("Say it twice", "--resume sess-42");
        assertThat(api.get("/api/v1/attempts/" + second + "/diff").expect(200).data().get("files").get(0).get("additions")
                .asInt()).isEqualTo(1);
    }

    @Test
    void workspacesOnDiskAreListedAndFinishedOnesCleanedUpByThePolicy() {
        String taskId = createTask(projectId, Json.obj("title", "Write notes"));
        String reviewed = reviewed(taskId, notesAgent());
        String cancelled = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", sleepingAgent()))
                .expect(201).data().get("attempt_id").asText();
        awaitAttempt(cancelled, "running");
        api.post("/api/v1/attempts/" + cancelled + "/cancel", null).expect(200);
        awaitAttempt(cancelled, "cancelled");

        JsonNode listed = api.get("/api/v1/admin/workspaces").expect(200).data();
        assertThat(listed.get("total_bytes").asLong()).isPositive();
        JsonNode entry = Json.list(listed.get("items")).stream()
                .filter(item -> item.get("attempt_id").asText().equals(reviewed)).findFirst().orElseThrow();
        assertThat(entry.get("status").asText()).isEqualTo("review_ready");
        assertThat(entry.get("bytes").asLong()).isPositive();

        JsonNode removed = api.post("/api/v1/admin/workspaces/cleanup?keep_finished=PT0S", null).expect(200).data();

        assertThat(Json.texts(removed.get("removed"))).contains(cancelled).doesNotContain(reviewed);
        assertThat(workspaceIds()).contains(reviewed).doesNotContain(cancelled);
        api.post("/api/v1/admin/workspaces/cleanup?keep_finished=soon", null).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/workspaces/cleanup?keep_finished=-PT1H", null).expectError(400, "VALIDATION_FAILED");
    }

    private List<String> workspaceIds() {
        return Json.texts(api.get("/api/v1/admin/workspaces").expect(200).data().get("items"), "attempt_id");
    }

    private String head() throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.getRepository().resolve("refs/heads/main").getName();
        }
    }
}
