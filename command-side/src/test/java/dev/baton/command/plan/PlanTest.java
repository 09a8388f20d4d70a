package dev.baton.command.plan;

import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.plan.ArchivePlanVersionCommand;
import dev.baton.core.plan.CompilePlanCommand;
import dev.baton.core.plan.CompiledPlan;
import dev.baton.core.plan.CompiledTask;
import dev.baton.core.plan.ConfirmPlanCommand;
import dev.baton.core.plan.PlanCanvas;
import dev.baton.core.plan.PlanCompiledEvent;
import dev.baton.core.plan.PlanCompiler;
import dev.baton.core.plan.PlanConfirmedEvent;
import dev.baton.core.plan.PlanEdge;
import dev.baton.core.plan.PlanIds;
import dev.baton.core.plan.PlanNode;
import dev.baton.core.plan.PlanVersionArchivedEvent;
import dev.baton.core.plan.PlanVersionSavedEvent;
import dev.baton.core.plan.SavePlanVersionCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.assertj.core.api.Assertions.assertThat;

class PlanTest {

    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String ARCHIVED_PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000002";
    private static final String PLAN = PlanIds.ofProject(PROJECT);
    private static final List<PlanNode> NODES = List.of(
            new PlanNode("api", "module", "API", "REST", List.of("documented"), false, null),
            new PlanNode("login", "task", "Login", null, List.of("works"), true, "api"),
            new PlanNode("logout", "task", "Logout", null, List.of(), false, "api"));
    private static final List<PlanEdge> EDGES = List.of(new PlanEdge("logout", "login", PlanEdge.DEPENDS_ON));
    private static final PlanVersionSavedEvent V1 = new PlanVersionSavedEvent(PLAN, PROJECT, 1, NODES, EDGES, Map.of());
    private static final List<CompiledTask> FULL =
            PlanCompiler.compile(PLAN, PlanCanvas.checked(NODES, EDGES), "full").tasks();
    private static final String FULL_GRAPH = PlanIds.graph(PLAN, 1, "full");
    private static final String MVP_GRAPH = PlanIds.graph(PLAN, 1, "mvp");

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
        fixture.registerInjectableResource(new InMemoryBoardDirectory()
                .project(PROJECT, List.of("backlog", "done"), false)
                .project(ARCHIVED_PROJECT, List.of("backlog"), true));
    }

    @Test
    void theFirstSaveCreatesThePlanWithVersionOneAndItsWholeCanvas() {
        fixture.givenNoPriorActivity()
                .when(new SavePlanVersionCommand(PLAN, PROJECT, NODES, EDGES, Map.of("zoom", 2)))
                .expectEvents(new PlanVersionSavedEvent(PLAN, PROJECT, 1, NODES, EDGES, Map.of("zoom", 2)))
                .expectResultMessagePayload(1);
    }

    @Test
    void aLaterSaveIsTheNextVersion() {
        List<PlanNode> nodes = List.of(NODES.get(0), NODES.get(1));
        fixture.given(V1)
                .when(new SavePlanVersionCommand(PLAN, PROJECT, nodes, List.of(), null))
                .expectEvents(new PlanVersionSavedEvent(PLAN, PROJECT, 2, nodes, List.of(), Map.of()))
                .expectResultMessagePayload(2);
    }

    @Test
    void aCanvasWithBadNodesOrEdgesIsRefusedAndNothingIsSaved() {
        fixture.givenNoPriorActivity()
                .when(new SavePlanVersionCommand(PLAN, PROJECT, List.of(NODES.get(0), NODES.get(0)), List.of(), null))
                .expectNoEvents().expectException(invalidField("nodes"));
        fixture.givenNoPriorActivity()
                .when(new SavePlanVersionCommand(PLAN, PROJECT, NODES, List.of(new PlanEdge("api", "nowhere", "contains")),
                        null))
                .expectNoEvents().expectException(invalidField("edges"));
    }

    @Test
    void anArchivedProjectTakesNoVersion() {
        String archivedPlan = PlanIds.ofProject(ARCHIVED_PROJECT);
        fixture.givenNoPriorActivity()
                .when(new SavePlanVersionCommand(archivedPlan, ARCHIVED_PROJECT, NODES, EDGES, null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void anUnknownProjectIsNotFound() {
        String unknown = "7d0f6c2e-1111-4a5b-9c3d-000000000009";
        fixture.givenNoPriorActivity()
                .when(new SavePlanVersionCommand(PlanIds.ofProject(unknown), unknown, NODES, EDGES, null))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void aPlanIdOfAnotherProjectTakesNoVersion() {
        fixture.givenNoPriorActivity()
                .when(new SavePlanVersionCommand(PLAN, ARCHIVED_PROJECT, NODES, EDGES, null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void compilingRecordsTheGraphOnceAndAnswersItEveryTime() {
        fixture.given(V1)
                .when(new CompilePlanCommand(PLAN, null, "full"))
                .expectEvents(new PlanCompiledEvent(PLAN, PROJECT, 1, FULL_GRAPH, "full", FULL))
                .expectResultMessagePayload(new CompiledPlan(PLAN, 1, FULL_GRAPH, "full", FULL, 1L));
        fixture.given(V1, new PlanCompiledEvent(PLAN, PROJECT, 1, FULL_GRAPH, "full", FULL))
                .when(new CompilePlanCommand(PLAN, 1, "full"))
                .expectNoEvents()
                .expectResultMessagePayload(new CompiledPlan(PLAN, 1, FULL_GRAPH, "full", FULL, 1L));
    }

    @Test
    void mvpModeIsItsOwnGraph() {
        fixture.given(V1)
                .when(new CompilePlanCommand(PLAN, null, "mvp"))
                .expectResultMessagePayloadMatching(predicate(
                        compiled -> ((CompiledPlan) compiled).graphId().equals(MVP_GRAPH)));
        assertThat(MVP_GRAPH).isNotEqualTo(FULL_GRAPH);
    }

    @Test
    void aCycleIsRefusedWithItsKeysAndNothingIsRecorded() {
        List<PlanEdge> cyclic = List.of(new PlanEdge("logout", "login", PlanEdge.DEPENDS_ON),
                new PlanEdge("login", "logout", PlanEdge.DEPENDS_ON));
        fixture.given(new PlanVersionSavedEvent(PLAN, PROJECT, 1, NODES, cyclic, Map.of()))
                .when(new CompilePlanCommand(PLAN, null, "full"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CYCLE_DETECTED));
    }

    @Test
    void anUnknownVersionOrModeIsRefused() {
        fixture.given(V1).when(new CompilePlanCommand(PLAN, 2, "full"))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
        fixture.given(V1).when(new CompilePlanCommand(PLAN, null, "quick"))
                .expectNoEvents().expectException(invalidField("mode"));
    }

    @Test
    void confirmingWithoutACompiledGraphCompilesTheFullGraphAndConfirmsIt() {
        fixture.given(V1)
                .when(new ConfirmPlanCommand(PLAN, null, null))
                .expectEvents(new PlanCompiledEvent(PLAN, PROJECT, 1, FULL_GRAPH, "full", FULL),
                        new PlanConfirmedEvent(PLAN, PROJECT, 1, FULL_GRAPH, "full", FULL));
    }

    @Test
    void confirmingTakesTheLastCompiledGraphAndASecondConfirmationChangesNothing() {
        List<CompiledTask> mvp = PlanCompiler.compile(PLAN, PlanCanvas.checked(NODES, EDGES), "mvp").tasks();
        PlanCompiledEvent compiled = new PlanCompiledEvent(PLAN, PROJECT, 1, MVP_GRAPH, "mvp", mvp);
        fixture.given(V1, compiled)
                .when(new ConfirmPlanCommand(PLAN, 1, null))
                .expectEvents(new PlanConfirmedEvent(PLAN, PROJECT, 1, MVP_GRAPH, "mvp", mvp));
        fixture.given(V1, compiled, new PlanConfirmedEvent(PLAN, PROJECT, 1, MVP_GRAPH, "mvp", mvp))
                .when(new ConfirmPlanCommand(PLAN, 1, MVP_GRAPH))
                .expectNoEvents()
                .expectResultMessagePayload(new CompiledPlan(PLAN, 1, MVP_GRAPH, "mvp", mvp, 2L));
    }

    @Test
    void confirmingAGraphOfAnotherVersionIsRefused() {
        fixture.given(V1)
                .when(new ConfirmPlanCommand(PLAN, 1, PlanIds.graph(PLAN, 2, "full")))
                .expectNoEvents().expectException(invalidField("graph_id"));
    }

    @Test
    void anArchivedVersionStaysReadableButIsNeitherCompiledNorConfirmed() {
        fixture.given(V1).when(new ArchivePlanVersionCommand(PLAN, null))
                .expectEvents(new PlanVersionArchivedEvent(PLAN, PROJECT, 1));
        fixture.given(V1, new PlanVersionArchivedEvent(PLAN, PROJECT, 1))
                .when(new ArchivePlanVersionCommand(PLAN, 1)).expectNoEvents();
        fixture.given(V1, new PlanVersionArchivedEvent(PLAN, PROJECT, 1))
                .when(new CompilePlanCommand(PLAN, 1, "full"))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.given(V1, new PlanVersionArchivedEvent(PLAN, PROJECT, 1))
                .when(new ConfirmPlanCommand(PLAN, null, null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }
}
