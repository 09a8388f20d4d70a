package dev.baton.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's walkthrough in a real headless Chromium, through the browser only (ui/e2e/walkthrough.e2e.mjs): a
 * project and an agent profile made in dialogs, a plan drawn on the canvas, compiled, confirmed and run, the first
 * task's attempt reviewed and merged, and its history read in the timeline. Only the git repository is made here.
 */
class WalkthroughBrowserTest extends ApiTestBase {

    private static final Path SCRIPT = Path.of("..", "ui", "e2e", "walkthrough.e2e.mjs").toAbsolutePath().normalize();

    @Test
    void aNewUserSetsUpPlansRunsReviewsMergesAndReadsTheHistoryInTheBrowser() throws IOException, InterruptedException {
        String name = uniqueName("Walkthrough");
        Path log = Files.createTempFile("walkthrough-e2e-", ".log");
        ProcessBuilder browser = new ProcessBuilder("node", SCRIPT.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(SCRIPT.getParent().getParent().toFile());
        Map<String, String> env = browser.environment();
        env.put("BATON_URL", "http://127.0.0.1:" + port);
        env.put("BATON_REPO", GitRepos.create().toString());
        env.put("BATON_PROJECT_NAME", name);
        Process node = browser.start();
        node.getOutputStream().close();
        boolean finished = node.waitFor(200, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("the browser test finished in time: %s", output).isTrue();
        assertThat(node.exitValue()).as("browser test output:%n%s", output).isZero();
        assertThat(output).contains("5 passed, 0 failed");

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
