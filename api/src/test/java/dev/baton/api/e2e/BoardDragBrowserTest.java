package dev.baton.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactive board in a real headless Chromium (ui/e2e/board-dnd.e2e.mjs): a card dragged to another column
 * shows there at once, in a second window too, and is still there after a reload; a task created in the New Task
 * dialog appears on the board; its drawer opens; a project created with the New project dialog (refused first, for a
 * relative path) opens its board. The script prints the drag figures (METRIC lines).
 */
class BoardDragBrowserTest extends IntegrationTest {

    private static final Path SCRIPT = Path.of("..", "ui", "e2e", "board-dnd.e2e.mjs").toAbsolutePath().normalize();

    @Test
    void aDraggedCardStaysInItsNewColumnAndTheNewTaskDialogAddsACard() throws IOException, InterruptedException {
        String projectId = createProject(uniqueName("Drag"));
        String dragged = uniqueName("Drag me");
        createTask(projectId, "{\"title\":\"" + dragged + "\",\"column\":\"todo\",\"labels\":[\"e2e\"],\"priority\":1}");
        createTask(projectId, "{\"title\":\"" + uniqueName("Stays") + "\",\"column\":\"todo\"}");
        createTask(projectId, "{\"title\":\"" + uniqueName("Already in review") + "\",\"column\":\"review\"}");
        awaitBoard(projectId, "", board -> board.toString().contains(dragged));
        String created = uniqueName("Made in the dialog");

        Path log = Files.createTempFile("board-dnd-e2e-", ".log");
        ProcessBuilder browser = new ProcessBuilder("node", SCRIPT.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(SCRIPT.getParent().getParent().toFile());
        browser.environment().put("BATON_URL", "http://127.0.0.1:" + port);
        browser.environment().put("BATON_PROJECT_ID", projectId);
        browser.environment().put("BATON_DRAG_TITLE", dragged);
        browser.environment().put("BATON_TARGET_COLUMN", "review");
        browser.environment().put("BATON_NEW_TITLE", created);
        String newProject = uniqueName("Made in the browser");
        browser.environment().put("BATON_REPO_PATH", GitRepos.create().toString());
        browser.environment().put("BATON_NEW_PROJECT", newProject);
        Process node = browser.start();
        node.getOutputStream().close();
        boolean finished = node.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("the browser test finished in time: %s", output).isTrue();
        assertThat(node.exitValue()).as("browser test output:%n%s", output).isZero();
        assertThat(output).contains("4 passed, 0 failed").contains("METRIC drop_to_server_answer");

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
