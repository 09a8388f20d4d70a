package dev.baton.command.project;

import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.project.ArchiveProjectCommand;
import dev.baton.core.project.Budgets;
import dev.baton.core.project.Column;
import dev.baton.core.project.CreateProjectCommand;
import dev.baton.core.project.ProjectArchivedEvent;
import dev.baton.core.project.ProjectCommands;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.common.Owner;
import dev.baton.core.project.ProjectSettings;
import dev.baton.core.project.ProjectUpdatedEvent;
import dev.baton.core.project.ProjectValidatedEvent;
import dev.baton.core.project.RecordProjectValidationCommand;
import dev.baton.core.project.UpdateProjectCommand;
import dev.baton.core.project.ValidationCheck;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;

class ProjectTest {

    private static final String ID = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final ProjectSettings SETTINGS = ProjectSettings.checked("Shop", null, null, "/srv/shop", null,
            null, null, null, null);

    private FixtureConfiguration<Project> fixture;
    private InMemoryBoardDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        directory = new InMemoryBoardDirectory();
        fixture.registerInjectableResource(directory);
    }

    @Test
    void aProjectBelongsToTheUserOrTeamItIsCreatedFor() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(ID, "Shop", null, null, "/srv/shop", null, null, null, null, null,
                        Owner.team("team-1")))
                .expectEvents(new ProjectCreatedEvent(ID, SETTINGS, Owner.team("team-1")));
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(ID, "Shop", null, null, "/srv/shop", null, null, null, null, null,
                        new Owner("group", "g-1")))
                .expectNoEvents().expectException(invalidField("owner"));
    }

    @Test
    void createsAProjectWithDefaults() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(ID, "Shop", null, null, "/srv/shop", null, null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreatedEvent(ID, SETTINGS));
    }

    @Test
    void refusesAProjectWithoutName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(ID, " ", null, null, "/srv/shop", null, null, null, null, null))
                .expectNoEvents()
                .expectException(invalidField("name"));
    }

    @Test
    void refusesAProjectWithBothLocations() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(ID, "Shop", null, "https://example.com/shop.git", "/srv/shop", null,
                        null, null, null, null))
                .expectNoEvents()
                .expectException(invalidField("repo_url"));
    }

    @Test
    void updatesOnlyWhatChanged() {
        ProjectSettings expected = SETTINGS.with(null, null, null, null, "develop", new ProjectCommands(null, "mvn test", null),
                null, null, null);
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new UpdateProjectCommand(ID, null, null, null, null, "develop",
                        new ProjectCommands(null, "mvn test", null), null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectUpdatedEvent(ID, expected, List.of("default_branch", "commands")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new UpdateProjectCommand(ID, "Shop", null, null, null, null, null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void refusesAnInvalidUpdate() {
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new UpdateProjectCommand(ID, null, null, null, null, null, null, null,
                        new Budgets(null, 0, null, null), null))
                .expectNoEvents()
                .expectException(invalidField("budgets.max_attempts_per_hour"));
    }

    @Test
    void refusesToRemoveAColumnThatHoldsTasks() {
        directory.task("t1", ID, "review", "i00000", java.util.Set.of());
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new UpdateProjectCommand(ID, null, null, null, null, null, null,
                        List.of(new Column("todo", "To Do"), new Column("done", "Done")), null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void removesAnEmptyColumn() {
        List<Column> columns = List.of(new Column("todo", "To Do"), new Column("done", "Done"));
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new UpdateProjectCommand(ID, null, null, null, null, null, null, columns, null, null))
                .expectEvents(new ProjectUpdatedEvent(ID, SETTINGS.with(null, null, null, null, null, null, columns, null, null),
                        List.of("columns")));
    }

    @Test
    void archives() {
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new ArchiveProjectCommand(ID, true))
                .expectEvents(new ProjectArchivedEvent(ID, true));
    }

    @Test
    void anArchivedProjectCannotBeChangedOrArchivedAgain() {
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS), new ProjectArchivedEvent(ID, false))
                .when(new ArchiveProjectCommand(ID, false))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_STATE));
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS), new ProjectArchivedEvent(ID, false))
                .when(new UpdateProjectCommand(ID, "New", null, null, null, null, null, null, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void recordsAValidation() {
        List<ValidationCheck> checks = List.of(new ValidationCheck("repository", true, "ok"),
                new ValidationCheck("branch", false, "branch main does not exist"));
        fixture.given(new ProjectCreatedEvent(ID, SETTINGS))
                .when(new RecordProjectValidationCommand(ID, checks))
                .expectEvents(new ProjectValidatedEvent(ID, checks, false));
    }
}
