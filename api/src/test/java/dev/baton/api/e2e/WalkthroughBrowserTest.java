package dev.baton.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's walkthrough in a real headless Chromium, through the browser only (ui/e2e/walkthrough.e2e.mjs): a
 * project and an agent profile made in dialogs, a plan drawn on the canvas, compiled, confirmed and run, the first
 * task's attempt reviewed and merged, and its history read in the timeline. Only the git repository is made here.
 * The run page passes the accessibility audit (axe-core).
 */
class WalkthroughBrowserTest extends ApiTestBase {

    @Test
    void aNewUserSetsUpPlansRunsReviewsMergesAndReadsTheHistoryInTheBrowser() throws IOException, InterruptedException {
        String name = uniqueName("Walkthrough");
        BrowserScript.run("walkthrough.e2e.mjs", Map.of(
                "BATON_URL", base(),
                "BATON_REPO", GitRepos.create().toString(),
                "BATON_PROJECT_NAME", name), Duration.ofSeconds(200)).assertPassed(5);

        // what the browser did is on the server: the project, with its two tasks, the first merged into Done
        JsonNode project = allProjects().stream().filter(p -> p.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no project " + name));
        JsonNode board = awaitBoard(project.get("project_id").asText(), "", b -> b.toString().contains("Write the README"));
        assertThat(board.toString()).contains("Write the README", "Write the changelog");
    }

    private List<JsonNode> allProjects() {
        List<JsonNode> projects = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = api.get("/api/v1/projects?limit=500" + after).expect(200).data();
            page.get("items").forEach(projects::add);
            if (page.get("next").isNull()) {
                return projects;
            }
            after = "&after=" + page.get("next").asText();
        }
    }
}
