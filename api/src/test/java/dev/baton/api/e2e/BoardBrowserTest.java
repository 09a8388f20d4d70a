package dev.baton.api.e2e;

import dev.baton.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the board in a real headless Chromium (Debian's, driven by playwright-core from the ui module) against
 * the running server, and checks that a card created through the API shows up in its column.
 */
class BoardBrowserTest extends IntegrationTest {

    private static final Path SCRIPT = Path.of("..", "ui", "e2e", "board.e2e.mjs").toAbsolutePath().normalize();

    @Test
    void theBoardShowsACardCreatedThroughTheApi() throws IOException, InterruptedException {
        String projectId = createProject(uniqueName("Browser"));
        String title = uniqueName("Card seen in Chromium");
        createTask(projectId, "{\"title\":\"" + title + "\",\"column\":\"todo\",\"labels\":[\"e2e\"],\"priority\":2}");
        awaitBoard(projectId, "", board -> board.toString().contains(title));

        Path log = Files.createTempFile("board-e2e-", ".log");
        ProcessBuilder browser = new ProcessBuilder("node", SCRIPT.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(SCRIPT.getParent().getParent().toFile());
        browser.environment().put("BATON_URL", "http://127.0.0.1:" + port);
        browser.environment().put("BATON_PROJECT_ID", projectId);
        browser.environment().put("BATON_CARD_TITLE", title);
        browser.environment().put("BATON_EXPECTED_COLUMN", "todo");
        Process node = browser.start();
        node.getOutputStream().close();
        boolean finished = node.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("the browser test finished in time: %s", output).isTrue();
        assertThat(node.exitValue()).as("browser test output:%n%s", output).isZero();
        assertThat(output).contains("1 passed, 0 failed").contains("To Do");
    }
}
