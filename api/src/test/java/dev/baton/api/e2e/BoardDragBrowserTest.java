package dev.baton.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactive board in a real headless Chromium (ui/e2e/board-dnd.e2e.mjs): a card dragged to another column
 * shows there at once, in a second window too, and is still there after a reload; a task created in the New Task
 * dialog appears on the board; its drawer opens; it moves to the next column and back with the keyboard; a project
 * created with the New project dialog (refused first, for a relative path) opens its board. The board, the dialog and
 * the drawer pass the accessibility audit. The script prints the drag figures (METRIC lines).
 */
class BoardDragBrowserTest extends IntegrationTest {

    @Test
    void aDraggedCardStaysInItsNewColumnAndTheNewTaskDialogAddsACard() throws IOException, InterruptedException {
        String projectId = createProject(uniqueName("Drag"));
        String dragged = uniqueName("Drag me");
        createTask(projectId, "{\"title\":\"" + dragged + "\",\"column\":\"todo\",\"labels\":[\"e2e\"],\"priority\":1}");
        createTask(projectId, "{\"title\":\"" + uniqueName("Stays") + "\",\"column\":\"todo\"}");
        createTask(projectId, "{\"title\":\"" + uniqueName("Already in review") + "\",\"column\":\"review\"}");
        awaitBoard(projectId, "", board -> board.toString().contains(dragged));
        String created = uniqueName("Made in the dialog");
        String newProject = uniqueName("Made in the browser");

        BrowserScript.Result browser = BrowserScript.run("board-dnd.e2e.mjs", Map.of(
                "BATON_URL", "http://127.0.0.1:" + port,
                "BATON_PROJECT_ID", projectId,
                "BATON_DRAG_TITLE", dragged,
                "BATON_TARGET_COLUMN", "review",
                "BATON_NEW_TITLE", created,
                "BATON_REPO_PATH", GitRepos.create().toString(),
                "BATON_NEW_PROJECT", newProject), Duration.ofSeconds(90));
        browser.assertPassed(5);
        assertThat(browser.metrics()).containsKey("drop_to_server_answer");

        // What the browser did went through the API.
        JsonNode board = awaitBoard(projectId, "", b -> b.toString().contains(created));
        assertThat(api.get("/api/v1/projects?limit=500").expect(200).data().toString()).contains(newProject);
        for (JsonNode column : board.get("columns")) {
            for (JsonNode card : column.get("tasks")) {
                if (card.get("title").asText().equals(dragged)) {
                    assertThat(column.get("id").asText()).isEqualTo("review");
                }
                if (card.get("title").asText().equals(created)) {
                    assertThat(column.get("id").asText()).isEqualTo("todo");
                    assertThat(card.get("priority").asInt()).isEqualTo(1);
                }
            }
        }
    }
}
