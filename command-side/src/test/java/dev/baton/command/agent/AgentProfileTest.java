package dev.baton.command.agent;

import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.agent.AgentLimits;
import dev.baton.core.agent.AgentProfileCreatedEvent;
import dev.baton.core.agent.AgentProfileDeletedEvent;
import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.agent.AgentProfileUpdatedEvent;
import dev.baton.core.agent.CreateAgentProfileCommand;
import dev.baton.core.agent.DeleteAgentProfileCommand;
import dev.baton.core.agent.UpdateAgentProfileCommand;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.common.Owner;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;

class AgentProfileTest {

    private static final String ID = "5b8e9c1a-2222-4a5b-9c3d-000000000001";
    private static final AgentProfileSettings CODEX = AgentProfileSettings.checked("Codex", "codex", "gpt-5", null,
            Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1"), "builder", new AgentLimits(600L, null, null));

    private FixtureConfiguration<AgentProfile> fixture;
    private InMemoryBoardDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AgentProfile.class);
        directory = new InMemoryBoardDirectory();
        fixture.registerInjectableResource(directory);
    }

    @Test
    void createsAProfile() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "Codex", "codex", "gpt-5", null,
                        Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1"), "builder", new AgentLimits(600L, null, null)))
                .expectEvents(new AgentProfileCreatedEvent(ID, CODEX));
    }

    @Test
    void refusesAnUnknownAdapter() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "X", "cursor", null, null, null, null, null))
                .expectNoEvents()
                .expectException(invalidField("adapter"));
    }

    @Test
    void theCommandAdapterNeedsAnArgv() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "Script", "command", null, List.of(), null, null, null))
                .expectNoEvents()
                .expectException(invalidField("command"));
    }

    @Test
    void refusesSecretsInTheEnvironment() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "Codex", "codex", null, null,
                        Map.of("OPENAI_API_KEY", "sk-live"), null, null))
                .expectNoEvents()
                .expectException(invalidField("env"));
    }

    @Test
    void refusesADuplicateName() {
        directory.agentProfile("other", "codex");
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "CODEX", "codex", null, null, null, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONFLICT));
    }

    @Test
    void namesAreUniquePerOwnerOnly() {
        Owner ada = Owner.user("ada-id");
        directory.agentProfile("adas", "codex", "ada-id");
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "Codex", "codex", null, null, null, null, null, ada))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONFLICT));
        AgentProfileSettings plain = AgentProfileSettings.checked("Codex", "codex", null, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "Codex", "codex", null, null, null, null, null,
                        Owner.team("team-id")))
                .expectEvents(new AgentProfileCreatedEvent(ID, plain, Owner.team("team-id")));
    }

    @Test
    void anOwnerIsAUserOrATeam() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgentProfileCommand(ID, "Codex", "codex", null, null, null, null, null,
                        new Owner("group", "g-1")))
                .expectNoEvents()
                .expectException(invalidField("owner"));
    }

    @Test
    void updatesAndListsTheChangedFields() {
        AgentProfileSettings expected = CODEX.with(null, null, "gpt-5-codex", null, null, "reviewer", null);
        fixture.given(new AgentProfileCreatedEvent(ID, CODEX))
                .when(new UpdateAgentProfileCommand(ID, null, null, "gpt-5-codex", null, null, "reviewer", null))
                .expectEvents(new AgentProfileUpdatedEvent(ID, expected, List.of("model", "role")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void refusesAnInvalidRole() {
        fixture.given(new AgentProfileCreatedEvent(ID, CODEX))
                .when(new UpdateAgentProfileCommand(ID, null, null, null, null, null, "boss", null))
                .expectNoEvents()
                .expectException(invalidField("role"));
    }

    @Test
    void deletesAndThenNoLongerExists() {
        fixture.given(new AgentProfileCreatedEvent(ID, CODEX))
                .when(new DeleteAgentProfileCommand(ID))
                .expectEvents(new AgentProfileDeletedEvent(ID));
        fixture.given(new AgentProfileCreatedEvent(ID, CODEX), new AgentProfileDeletedEvent(ID))
                .when(new DeleteAgentProfileCommand(ID))
                .expectException(org.axonframework.eventsourcing.AggregateDeletedException.class);
    }
}
