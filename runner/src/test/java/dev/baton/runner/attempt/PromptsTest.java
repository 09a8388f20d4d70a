package dev.baton.runner.attempt;

import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.task.Steering;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptsTest {

    private static final Steering TABS = new Steering(0, "Use tabs", null, Instant.EPOCH);
    private static final Steering SMALL = new Steering(1, "Keep it small", "Do not add dependencies.", Instant.EPOCH);

    private static AttemptSpec spec(String feedback, List<Steering> steering) {
        return new AttemptSpec("a1", "t1", "p1", null, "main", null, null,
                new AgentProfileSettings("agent", "command", null, List.of("true"), null, null, null), "Add login",
                "OAuth please", List.of("works"), null, null, feedback, steering);
    }

    @Test
    void aFirstRunCarriesEverySteeringInOrder() {
        String prompt = Prompts.firstRun(spec(null, List.of(TABS, SMALL)));

        assertThat(prompt).contains("# Task: Add login", "## Steering", "### Steering 1\nUse tabs\n",
                "### Steering 2\nKeep it small\n\nDo not add dependencies.\n");
        assertThat(prompt.indexOf("Use tabs")).isLessThan(prompt.indexOf("Keep it small"));
        assertThat(Prompts.firstRun(spec(null, List.of()))).doesNotContain("Steering");
    }

    @Test
    void aResumedSessionGetsOnlyTheSteeringsItHasNotSeen() {
        String prompt = Prompts.resumed(spec("Add a logout button", List.of(TABS, SMALL)), 1);

        assertThat(prompt).contains("Keep it small", "Add a logout button").doesNotContain("Use tabs");
        assertThat(Prompts.resumed(spec("Add a logout button", List.of(TABS)), 1)).doesNotContain("Steering");
    }

    @Test
    void aSteeringTurnIsTheNewSteerings() {
        assertThat(Prompts.steering(List.of(SMALL))).contains("while you worked", "### Steering 2\nKeep it small",
                "Do not add dependencies.").doesNotContain("# Task");
    }
}
