package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.api.support.SseClient.Message;
import dev.baton.api.support.SseClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StreamApiTest extends ApiTestBase {

    private static final Duration MESSAGE_WAIT = Duration.ofSeconds(10);

    private String projectId;

    @BeforeEach
    void project() {
        projectId = createProject(uniqueName("Stream"));
        project(projectId, 0);
    }

    private SseClient boardStream(String query, String... headers) {
        SseClient stream = SseClient.open(base(), "/api/v1/projects/" + projectId + "/stream" + query, headers);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        return stream;
    }

    /** The next board message that changes this task (skipping changes of other tasks of the project). */
    private static Message nextChangeOf(SseClient stream, String taskId) {
        List<Message> messages = stream.until(m -> changesOf(m, taskId) != null, MESSAGE_WAIT);
        return messages.get(messages.size() - 1);
    }

    private static JsonNode changesOf(Message message, String taskId) {
        for (JsonNode change : message.json().get("changes")) {
            if (taskId.equals(change.path("task_id").asText(null))) {
                return change;
            }
        }
        return null;
    }

    @Test
    void theBoardStreamSendsACreatedTask() {
        long position = board(projectId).get("position").asLong();
        try (SseClient stream = boardStream("?after=" + position)) {
            String taskId = newTask(projectId, "Streamed");

            Message message = stream.next(MESSAGE_WAIT);

            assertThat(message.position()).isGreaterThan(position);
            assertThat(message.json().get("position").asLong()).isEqualTo(message.position());
            JsonNode change = changesOf(message, taskId);
            assertThat(change).isNotNull();
            assertThat(change.get("kind").asText()).isEqualTo("task");
            assertThat(change.get("task").get("title").asText()).isEqualTo("Streamed");
            assertThat(change.get("task").get("column").asText()).isEqualTo("backlog");
        }
    }

    @Test
    void theBoardStreamSendsAMove() {
        String taskId = newTask(projectId, "Moving");
        long position = boardAfter(projectId, taskId, 0).get("position").asLong();
        try (SseClient stream = boardStream("?after=" + position)) {
            moveTo(taskId, "in_progress");

            JsonNode change = changesOf(nextChangeOf(stream, taskId), taskId);

            assertThat(change.get("kind").asText()).isEqualTo("task");
            assertThat(change.get("task").get("column").asText()).isEqualTo("in_progress");
        }
    }

    @Test
    void theBoardStreamSendsARemovalAndAProjectChange() {
        String taskId = newTask(projectId, "Removed");
        long position = boardAfter(projectId, taskId, 0).get("position").asLong();
        try (SseClient stream = boardStream("?after=" + position)) {
            api.delete("/api/v1/tasks/" + taskId).expect(200);
            api.patch("/api/v1/projects/" + projectId, Json.obj("name", "Renamed stream")).expect(200);

            JsonNode removal = changesOf(nextChangeOf(stream, taskId), taskId);
            List<Message> rest = stream.until(m -> m.json().get("changes").get(0).get("kind").asText().equals("project"),
                    MESSAGE_WAIT);
            JsonNode project = rest.get(rest.size() - 1).json().get("changes").get(0);

            assertThat(removal.get("kind").asText()).isEqualTo("task_removed");
            assertThat(project.get("project").get("name").asText()).isEqualTo("Renamed stream");
        }
    }

    @Test
    void theBoardStreamWithoutACursorStartsWithTheNextChange() {
        String old = newTask(projectId, "Before the stream");
        boardAfter(projectId, old, 0);
        try (SseClient stream = boardStream("")) {
            String fresh = newTask(projectId, "After the stream");

            Message first = stream.next(MESSAGE_WAIT);

            assertThat(changesOf(first, fresh)).isNotNull();
            assertThat(changesOf(first, old)).isNull();
        }
    }

    @Test
    void aReconnectWithLastEventIdReceivesOnlyLaterMessagesAndNothingTwice() {
        long position = board(projectId).get("position").asLong();
        String second = newTask(projectId, "second");
        Message firstMessage;
        try (SseClient stream = boardStream("?after=" + position)) {
            firstMessage = stream.next(MESSAGE_WAIT);
        }
        String first = firstMessage.id();
        String third = newTask(projectId, "third while disconnected");

        try (SseClient resumed = boardStream("", "Last-Event-ID", first)) {
            String fourth = newTask(projectId, "fourth after reconnecting");
            List<Message> messages = resumed.until(m -> changesOf(m, fourth) != null, MESSAGE_WAIT);

            List<Long> ids = messages.stream().map(Message::position).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id > Long.parseLong(first));
            assertThat(changesOf(firstMessage, second)).isNotNull();
            assertThat(messages).noneMatch(m -> changesOf(m, second) != null);
            assertThat(messages).filteredOn(m -> changesOf(m, third) != null).hasSize(1);
            assertThat(messages).filteredOn(m -> changesOf(m, fourth) != null).hasSize(1);
        }
    }

    @Test
    void theAfterParameterResumesLikeLastEventId() {
        String a = newTask(projectId, "a");
        long afterA = boardAfter(projectId, a, 0).get("position").asLong();
        String b = newTask(projectId, "b");

        try (SseClient stream = boardStream("?after=" + afterA)) {
            Message message = stream.next(MESSAGE_WAIT);

            assertThat(changesOf(message, b)).isNotNull();
            assertThat(changesOf(message, a)).isNull();
        }
    }

    @Test
    void theTimelineStreamDeliversTheProjectsEventsLive() {
        String other = createProject(uniqueName("Other stream"));
        project(other, 0);
        awaitTimeline(projectId, 1);
        try (SseClient stream = SseClient.open(base(), "/api/v1/timeline/stream?project_id=" + projectId)) {
            assertThat(stream.status()).isEqualTo(200);
            String taskId = newTask(projectId, "Timeline live");
            newTask(other, "not for this stream");
            moveTo(taskId, "todo");

            List<Message> messages = new ArrayList<>();
            messages.add(stream.next(MESSAGE_WAIT));
            messages.add(stream.next(MESSAGE_WAIT));

            assertThat(messages.stream().map(Message::position).toList()).isSorted().doesNotHaveDuplicates();
            for (Message message : messages) {
                JsonNode item = message.json();
                assertThat(item.get("position").asLong()).isEqualTo(message.position());
                assertThat(item.get("aggregate_id").asText()).isEqualTo(taskId);
                assertThat(item.get("event_id").asText()).isNotBlank();
                assertThat(item.get("metadata").get("correlation_id").asText()).isNotBlank();
            }
            assertThat(messages.stream().map(m -> m.json().get("type").asText()))
                    .containsExactly("TaskCreatedEvent", "TaskMovedEvent");
        }
    }

    @Test
    void theTimelineStreamResumesAfterLastEventId() {
        String taskId = newTask(projectId, "resumable");
        List<JsonNode> items = awaitTimelineEvent(projectId, taskId, 0);
        long created = items.get(items.size() - 1).get("position").asLong();
        long moved = moveTo(taskId, "review");
        awaitTimelineEvent(projectId, taskId, moved);

        try (SseClient stream = SseClient.open(base(), "/api/v1/timeline/stream?project_id=" + projectId,
                "Last-Event-ID", String.valueOf(created))) {
            Message message = stream.next(MESSAGE_WAIT);

            assertThat(message.position()).isGreaterThan(created);
            assertThat(message.json().get("type").asText()).isEqualTo("TaskMovedEvent");
        }
    }

    @Test
    void theStreamOfAnUnknownProjectIsNotFound() {
        SseClient stream = SseClient.open(base(), "/api/v1/projects/" + UUID.randomUUID() + "/stream");

        assertThat(stream.status()).isEqualTo(404);
        assertThat(stream.contentType()).startsWith("application/json");
        JsonNode body = Json.parse(stream.body());
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aStreamWithABadCursorIsRefused() {
        SseClient stream = SseClient.open(base(), "/api/v1/projects/" + projectId + "/stream?after=soon");

        assertThat(stream.status()).isEqualTo(400);
        JsonNode body = Json.parse(stream.body());
        assertThat(body.get("error").get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }
}
