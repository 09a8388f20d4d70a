package dev.baton.runner.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.agent.AgentEvent.ChangeKind;
import dev.baton.runner.agent.AgentEvent.CommandStatus;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.ErrorCode;
import dev.baton.runner.agent.AgentEvent.FileChangeStatus;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.ToolStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentEventJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void eventsAreSnakeCaseWithAKindAndWithoutNullFields() throws Exception {
        assertThat(mapper.writeValueAsString(new AgentEvent.Session("s-1", "gpt-5.5", null)))
                .isEqualTo("{\"kind\":\"session\",\"session_id\":\"s-1\",\"model\":\"gpt-5.5\"}");
        assertThat(mapper.writeValueAsString(new AgentEvent.Command("item_1", "ls", CommandStatus.COMPLETED, 0, "a\n")))
                .isEqualTo("{\"kind\":\"command\",\"id\":\"item_1\",\"command\":\"ls\",\"status\":\"completed\","
                        + "\"exit_code\":0,\"output\":\"a\\n\"}");
        assertThat(mapper.writeValueAsString(new AgentEvent.FileChange("item_2",
                List.of(new AgentEvent.Change("a.txt", ChangeKind.RENAME, null, "b.txt")), FileChangeStatus.STARTED)))
                .isEqualTo("{\"kind\":\"file_change\",\"id\":\"item_2\",\"changes\":[{\"path\":\"a.txt\",\"kind\":\"rename\","
                        + "\"new_path\":\"b.txt\"}],\"status\":\"started\"}");
        assertThat(mapper.writeValueAsString(new AgentEvent.Usage(120, 30, 20L, null, 0.5, false)))
                .isEqualTo("{\"kind\":\"usage\",\"input_tokens\":120,\"output_tokens\":30,\"cached_input_tokens\":20,"
                        + "\"cost_usd\":0.5,\"cumulative\":false}");
        assertThat(mapper.writeValueAsString(new AgentEvent.Error("no key", true, ErrorCode.RATE_LIMIT)))
                .isEqualTo("{\"kind\":\"error\",\"message\":\"no key\",\"fatal\":true,\"code\":\"rate_limit\"}");
        assertThat(mapper.writeValueAsString(new AgentEvent.Done(DoneStatus.CANCELLED, null, 1, null, null)))
                .isEqualTo("{\"kind\":\"done\",\"status\":\"cancelled\",\"exit_code\":1}");
    }

    @Test
    void everyKindReadsBackAsTheSameEvent() throws Exception {
        List<AgentEvent> events = List.of(
                new AgentEvent.Session("s-1", "m", "/w"),
                new AgentEvent.Message(Role.ASSISTANT, "hi", true, "item_3"),
                new AgentEvent.Reasoning("think", null, "item_0"),
                new AgentEvent.ToolCall("t-1", "Grep", mapper.readTree("{\"pattern\":\"x\"}"), ToolStatus.DENIED, null, "no"),
                new AgentEvent.Command("c-1", "ls", CommandStatus.DECLINED, null, null),
                new AgentEvent.FileChange("f-1", List.of(new AgentEvent.Change("a", ChangeKind.DELETE)), FileChangeStatus.FAILED),
                new AgentEvent.Todo(List.of(new AgentEvent.TodoItem("x", true))),
                new AgentEvent.Usage(1, 2, null, 3L, null, true),
                new AgentEvent.Error("boom", false, null),
                new AgentEvent.Done(DoneStatus.SUCCESS, "ok", 0, 3, 465L));

        for (AgentEvent event : events) {
            assertThat(mapper.readValue(mapper.writeValueAsString(event), AgentEvent.class)).isEqualTo(event);
        }
    }
}
