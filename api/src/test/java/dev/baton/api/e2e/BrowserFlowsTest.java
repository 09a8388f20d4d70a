package dev.baton.api.e2e;

import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages besides the board in a real headless Chromium (ui/e2e/flows.e2e.mjs): a task run from its drawer with a
 * command agent, its log line live on the attempt page, its diff, approved and merged, the card in Done; a plan
 * whose compile finds a cycle, marked on the canvas; the timeline's slider moved back to before the task existed.
 * The attempt's Logs and Diff tabs, the plan canvas and the timeline pass the accessibility audit (axe-core).
 */
class BrowserFlowsTest extends ApiTestBase {

    @Test
    void runReviewMergeThenAPlanCycleThenTheTimelineBeforeTheTask() throws IOException, InterruptedException {
        String projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("Flows"), "local_path",
                GitRepos.create().toString())).expect(201).data().get("project_id").asText();
        String title = uniqueName("Write the greeting");
        String taskId = createTask(projectId, Json.obj("title", title, "column", "todo"));
        String agent = uniqueName("Greeter");
        String line = "hello from the agent";
        api.post("/api/v1/agents", Json.obj("name", agent, "adapter", "command", "command", List.of("bash", "-c",
                "sleep 1; echo '" + line + "'; echo hello > GREETING.md"))).expect(201);
        String planProject = createProject(uniqueName("Cyclic plan"));
        api.post("/api/v1/projects/" + planProject + "/plans", Json.obj(
                "nodes", List.of(Map.of("key", "a", "layer", "task", "title", "Build A"),
                        Map.of("key", "b", "layer", "task", "title", "Build B")),
                "edges", List.of(Map.of("from", "a", "to", "b", "kind", "depends_on"),
                        Map.of("from", "b", "to", "a", "kind", "depends_on")))).expect(201);
        awaitBoard(projectId, "", board -> board.toString().contains(title));

        BrowserScript.run("flows.e2e.mjs", Map.of(
                "BATON_URL", base(),
                "BATON_PROJECT_ID", projectId,
                "BATON_TASK_ID", taskId,
                "BATON_TASK_TITLE", title,
                "BATON_AGENT_NAME", agent,
                "BATON_LOG_LINE", line,
                "BATON_FILE", "GREETING.md",
                "BATON_PLAN_PROJECT_ID", planProject), Duration.ofSeconds(150)).assertPassed(3);

        // what the browser did went through the API: the task's attempt is merged and the card is in Done
        assertThat(awaitBoard(projectId, "", board -> board.toString().contains("\"column\":\"done\""))
                .toString()).contains(title);
    }
}
