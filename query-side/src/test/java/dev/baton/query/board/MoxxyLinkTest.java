package dev.baton.query.board;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.query.support.ReadModelJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A task linked to a moxxy job: its status follows the job's state, and its card shows the link. */
class MoxxyLinkTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
    private static final TaskState IDLE = new TaskState("t1", "p1", "Title", null, List.of(), List.of(), null, null,
            List.of(), "backlog", "h", null, List.of(), List.of(), "idle", null, 0, AT, AT, 1, null, null, null);

    @Test
    void theTaskIsQueuedUntilTheJobIsReadThenFollowsItsState() {
        TaskState linked = IDLE.linked(MoxxyLink.queued("job-1", "default"), "done");
        assertThat(linked.status()).isEqualTo("queued");
        assertThat(linked.linked(linked.moxxy().at("executing"), "done").status()).isEqualTo("running");
        assertThat(linked.linked(linked.moxxy().at("completed"), "done").status()).isEqualTo("done");
        assertThat(linked.linked(linked.moxxy().at("failed"), "done").status()).isEqualTo("failed");
        assertThat(linked.linked(linked.moxxy().at("canceled"), "done").status()).isEqualTo("stopped");
    }

    @Test
    void theCardShowsTheLinkAndItsProblemOnlyWhileThereIsOne() {
        TaskState linked = IDLE.linked(MoxxyLink.queued("job-1", "default").at("executing"), "done");
        JsonNode card = ReadModelJson.read(CardJson.stored(linked), JsonNode.class);
        assertThat(card.get("moxxy").get("job_id").asText()).isEqualTo("job-1");
        assertThat(card.get("moxxy").get("agent").asText()).isEqualTo("default");
        assertThat(card.get("moxxy").get("status").asText()).isEqualTo("executing");
        assertThat(card.get("moxxy").has("problem")).isFalse();
        TaskState stalled = linked.linked(linked.moxxy().withProblem("moxxy has not answered"), "done");
        assertThat(ReadModelJson.read(CardJson.stored(stalled), JsonNode.class).get("moxxy").get("problem").asText())
                .isEqualTo("moxxy has not answered");
        assertThat(ReadModelJson.read(CardJson.stored(IDLE), JsonNode.class).has("moxxy")).isFalse();
    }

    @Test
    void anAttemptEndsTheLinkAndAPauseShowsOverIt() {
        TaskState linked = IDLE.linked(MoxxyLink.queued("job-1", "default").at("failed"), "done");
        TaskState retried = linked.attemptQueued();
        assertThat(retried.moxxy()).isNull();
        assertThat(retried.attemptEnded("cancelled", "done").status()).isEqualTo("idle");
        assertThat(linked.paused(true, "done").status()).isEqualTo("paused");
        assertThat(linked.paused(true, "done").paused(false, "done").status()).isEqualTo("failed");
    }
}
