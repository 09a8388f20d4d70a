package dev.baton.api.e2e;

import dev.baton.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the board in a real headless Chromium (Debian's, driven by playwright-core from the ui module) against
 * the running server, and checks that a card created through the API shows up in its column.
 */
class BoardBrowserTest extends IntegrationTest {

    @Test
    void theBoardShowsACardCreatedThroughTheApi() throws IOException, InterruptedException {
        String projectId = createProject(uniqueName("Browser"));
        String title = uniqueName("Card seen in Chromium");
        createTask(projectId, "{\"title\":\"" + title + "\",\"column\":\"todo\",\"labels\":[\"e2e\"],\"priority\":2}");
        awaitBoard(projectId, "", board -> board.toString().contains(title));

        BrowserScript.Result browser = BrowserScript.run("board.e2e.mjs", Map.of(
                "BATON_URL", "http://127.0.0.1:" + port,
                "BATON_PROJECT_ID", projectId,
                "BATON_CARD_TITLE", title,
                "BATON_EXPECTED_COLUMN", "todo"), Duration.ofSeconds(90));
        browser.assertPassed(1);
        assertThat(browser.output()).contains("To Do");
    }
}
