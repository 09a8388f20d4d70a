package dev.baton.query.board;

import dev.baton.query.support.ReadModelJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CardJsonTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private static TaskState task(String title, String agentProfileId) {
        return new TaskState("t1", "p1", title, "about \"agent_name\":null", List.of(), List.of("x", "y"), 3, 1.5,
                List.of(), "todo", "hzzzzz", agentProfileId, List.of(), List.of("t0"), "blocked", null, 2, AT, AT, 4, null, null, null);
    }

    @Test
    void aStoredCardWithTheAgentNameFilledInIsTheCardWrittenWithIt() {
        TaskState task = task("Title with \"agent_name\":null inside", "a1");
        String name = "Agent \"Smith\" \\ ünïcode";

        String filled = CardJson.of(CardJson.stored(task), name).json();

        assertThat(filled).isEqualTo(ReadModelJson.write(CardView.of(task, name)));
        assertThat(ReadModelJson.tree(filled).get("agent_name").asText()).isEqualTo(name);
    }

    @Test
    void aCardWithoutAgentNameIsTheStoredCard() {
        TaskState task = task("Plain", null);

        assertThat(CardJson.of(CardJson.stored(task), null).json()).isEqualTo(ReadModelJson.write(CardView.of(task, null)));
    }

    @Test
    void aCardIsWrittenIntoItsResponseAsIs() throws Exception {
        CardJson card = new CardJson("{\"task_id\":\"t1\"}");

        assertThat(ReadModelJson.mapper().writeValueAsString(List.of(card))).isEqualTo("[{\"task_id\":\"t1\"}]");
    }
}
