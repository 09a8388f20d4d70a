package dev.baton.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A board of 2,000 cards in a real headless Chromium (ui/e2e/board-large.e2e.mjs): its load, a drag across columns
 * and the scrolling of a 500-card column are measured with the browser's performance API and printed as METRIC
 * lines. Speed is measured, not asserted: the test checks that the run completed, the card moved, and the figures
 * were printed (docs/performance.md, "The board in the browser", reports them).
 */
class BoardLargeBrowserTest extends IntegrationTest {

    /** Cards per column: 2,000 in all, the longest columns 500. */
    private static final String[][] SPREAD = {{"backlog", "500"}, {"todo", "400"}, {"in_progress", "300"},
            {"review", "300"}, {"done", "500"}};
    private static final String[] LABELS = {"ui", "api", "docs", "perf", "bug"};

    @Test
    void aBoardOfTwoThousandCardsIsMeasuredInTheBrowser() throws Exception {
        String projectId = createProject(uniqueName("Large"));
        String dragged = uniqueName("Drag me");
        createTask(projectId, "{\"title\":\"" + dragged + "\",\"column\":\"todo\",\"labels\":[\"e2e\"],\"priority\":1}");

        List<String> bodies = new ArrayList<>();
        int n = 1;
        for (String[] column : SPREAD) {
            int count = Integer.parseInt(column[1]) - (column[0].equals("todo") ? 1 : 0);
            for (int i = 0; i < count; i++, n++) {
                bodies.add("{\"title\":\"Card " + n + " of the large board\",\"column\":\"" + column[0]
                        + "\",\"labels\":[\"" + LABELS[n % LABELS.length] + "\"],\"priority\":" + (n % 5) + "}");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (String body : bodies) {
                created.add(pool.submit(() -> createTask(projectId, body)));
            }
            for (Future<String> f : created) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitBoard(projectId, "", board -> cards(board) == 2000);

        BrowserScript.Result browser = BrowserScript.run("board-large.e2e.mjs", Map.of(
                "BATON_URL", "http://127.0.0.1:" + port,
                "BATON_PROJECT_ID", projectId,
                "BATON_DRAG_TITLE", dragged,
                "BATON_TARGET_COLUMN", "in_progress",
                "BATON_SCROLL_COLUMN", "backlog",
                "BATON_CARD_COUNT", "2000"), Duration.ofSeconds(180));
        browser.assertPassed(3);
        assertThat(browser.metrics()).containsKeys("large_board_navigation_to_rendered",
                "large_board_load_longest_task", "large_drop_to_card_rendered", "large_drop_to_server_answer",
                "large_scroll_worst_frame_gap");

        // The drag went through the API.
        awaitBoard(projectId, "", board -> columnOf(board, dragged).equals("in_progress"));
    }

    private static int cards(JsonNode board) {
        int total = 0;
        for (JsonNode column : board.get("columns")) {
            total += column.get("tasks").size();
        }
        return total;
    }

    private static String columnOf(JsonNode board, String title) {
        for (JsonNode column : board.get("columns")) {
            for (JsonNode card : column.get("tasks")) {
                if (card.get("title").asText().equals(title)) {
                    return column.get("id").asText();
                }
            }
        }
        return "";
    }
}
