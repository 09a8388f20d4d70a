package dev.baton.runner.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceOutputTest {

    @Test
    void trimsBetweenFieldsGoAndTrimsInStringsStay() {
        assertThat(ReferenceOutput.untrimmed("{\"id\":\"msg_2\",…,\"a\":[\"x\",…],\"b\":{…},\"t\":…,\"s\":\"ab…\", …}"))
                .isEqualTo("{\"id\":\"msg_2\",\"a\":[\"x\"],\"b\":{},\"t\":null,\"s\":\"ab…\"}");
        assertThat(ReferenceOutput.untrimmed("{\"m\":\"say \\\"…\\\" \\`x\\`\"}")).isEqualTo("{\"m\":\"say \\\"…\\\" `x`\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codex/run.jsonl", "codex/auth-failure.jsonl", "codex/context-overflow.jsonl",
            "codex/missing-key.jsonl", "codex/unknown-model-warning.jsonl", "codex/cancelled.jsonl",
            "claude-code/run.jsonl", "claude-code/api-retry.jsonl", "claude-code/auth-failure.jsonl",
            "claude-code/cancelled.jsonl", "opencode/run.jsonl", "opencode/auth-failure.jsonl", "gemini/run.jsonl",
            "gemini/api-error.jsonl"})
    void everyFixtureLineIsJsonOnceTheTrimsAreOut(String resource) {
        assertThat(ReferenceOutput.asPrinted(resource)).isNotEmpty().allSatisfy(line ->
                assertThat(Json.object(line)).as(line).isPresent());
    }
}
