package dev.baton.core.plan;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanCompilerTest {

    private static final String PLAN = "plan-1";

    private static PlanNode node(String key, String layer, String parent) {
        return new PlanNode(key, layer, "Title " + key, null, List.of(), false, parent);
    }

    private static PlanNode task(String key, String parent) {
        return node(key, "task", parent);
    }

    private static PlanEdge dependsOn(String from, String to) {
        return new PlanEdge(from, to, PlanEdge.DEPENDS_ON);
    }

    /** A vision with two modules of four tasks each; the second module depends on the first; t2 on t1. */
    private static PlanCanvas twoModules(boolean t5IsMvp) {
        List<PlanNode> nodes = new ArrayList<>(List.of(
                new PlanNode("v", "vision", "Shop", "Sell things online", List.of("works on mobile"), false, null),
                new PlanNode("m1", "module", "Accounts", "Sign-up and login", List.of("passwords hashed"), false, "v"),
                node("m2", "module", "v")));
        for (int i = 1; i <= 8; i++) {
            nodes.add(new PlanNode("t" + i, "task", "Task " + i, i == 1 ? "First step" : null,
                    List.of("criterion " + i), i == 5 && t5IsMvp, i <= 4 ? "m1" : "m2"));
        }
        return PlanCanvas.checked(nodes, List.of(dependsOn("m2", "m1"), dependsOn("t2", "t1")));
    }

    @Test
    void taskNodesBecomeTasksInheritingTheirContainersCriteriaAndContext() {
        CompiledGraph graph = PlanCompiler.compile(PLAN, twoModules(false), "full");

        assertThat(graph.tasks()).extracting(CompiledTask::key)
                .containsExactly("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");
        CompiledTask t1 = graph.tasks().get(0);
        assertThat(t1.taskId()).isEqualTo(PlanCompiler.taskId(PLAN, "t1"));
        assertThat(t1.acceptanceCriteria()).containsExactly("criterion 1", "works on mobile", "passwords hashed");
        assertThat(t1.description()).isEqualTo("First step\n\nContext:\n- vision Shop: Sell things online\n"
                + "- module Accounts: Sign-up and login");
        assertThat(byKey(graph).get("t2").dependsOn()).containsExactly("t1");
        assertThat(byKey(graph).get("t5").dependsOn()).as("a module's dependency applies to all of its tasks")
                .containsExactly("t1", "t2", "t3", "t4");
        assertThat(byKey(graph).get("t1").dependsOn()).isEmpty();
    }

    @Test
    void theSameCanvasAlwaysGivesTheSameGraphAndIds() {
        assertThat(PlanCompiler.compile(PLAN, twoModules(false), "full"))
                .isEqualTo(PlanCompiler.compile(PLAN, twoModules(false), "full"));
        assertThat(PlanCompiler.taskId(PLAN, "t1")).isNotEqualTo(PlanCompiler.taskId("plan-2", "t1"))
                .isNotEqualTo(PlanCompiler.taskId(PLAN, "t2"));
    }

    @Test
    void mvpModeKeepsTheMvpTasksAndEverythingTheyDependOn() {
        CompiledGraph graph = PlanCompiler.compile(PLAN, twoModules(true), "mvp");

        assertThat(graph.tasks()).extracting(CompiledTask::key).containsExactly("t1", "t2", "t3", "t4", "t5");
        assertThatThrownBy(() -> PlanCompiler.compile(PLAN, twoModules(false), "mvp"))
                .isInstanceOf(DomainException.class).hasMessageContaining("no task is marked mvp");
        assertThatThrownBy(() -> PlanCompiler.compile(PLAN, twoModules(false), "small"))
                .hasMessageContaining("mode must be mvp or full");
    }

    @Test
    void aNodeMarkedMvpBringsTheTasksItContains() {
        List<PlanNode> nodes = List.of(new PlanNode("m", "module", "Core", null, List.of(), true, null),
                task("a", "m"), task("b", null));
        assertThat(PlanCompiler.compile(PLAN, PlanCanvas.checked(nodes, List.of()), "mvp").tasks())
                .extracting(CompiledTask::key).containsExactly("a");
    }

    @Test
    void aCycleIsRefusedWithItsKeysInOrder() {
        PlanCanvas canvas = PlanCanvas.checked(List.of(task("a", null), task("b", null), task("c", null), task("d", null)),
                List.of(dependsOn("a", "b"), dependsOn("b", "c"), dependsOn("c", "a"), dependsOn("d", "a")));

        DomainException refused = catchThrowableOfType(() -> PlanCompiler.compile(PLAN, canvas, "full"),
                DomainException.class);

        assertThat(refused.code()).isEqualTo(ErrorCode.CYCLE_DETECTED);
        assertThat(refused.details().get("cycle")).isEqualTo(List.of("a", "b", "c", "a"));
        assertThat(refused.getMessage()).contains("a -> b -> c -> a");
    }

    @Test
    void aCycleBetweenModulesIsACycleOfTheirTasks() {
        PlanCanvas canvas = PlanCanvas.checked(List.of(node("m1", "module", null), node("m2", "module", null),
                task("a", "m1"), task("b", "m2")), List.of(dependsOn("m1", "m2"), dependsOn("m2", "m1")));

        DomainException refused = catchThrowableOfType(() -> PlanCompiler.compile(PLAN, canvas, "full"),
                DomainException.class);

        assertThat(refused.details().get("cycle")).isEqualTo(List.of("a", "b", "a"));
    }

    @Test
    void aNodeThatContainsItselfIsACycle() {
        PlanCanvas canvas = PlanCanvas.checked(List.of(node("m1", "module", "m2"), node("m2", "module", "m1"),
                task("a", "m1")), List.of());

        assertThat(catchThrowableOfType(() -> PlanCompiler.compile(PLAN, canvas, "full"), DomainException.class).code())
                .isEqualTo(ErrorCode.CYCLE_DETECTED);
    }

    @Test
    void aCanvasWithUnknownKeysLayersOrKindsIsRefused() {
        assertRefused(List.of(task("a", null), task("a", null)), List.of(), "appears twice");
        assertRefused(List.of(node("a", "epic", null)), List.of(), "layer must be one of");
        assertRefused(List.of(task("a", "nope")), List.of(), "parent nope");
        assertRefused(List.of(task("a", null)), List.of(dependsOn("a", "b")), "not nodes of the plan");
        assertRefused(List.of(task("a", null), task("b", null)), List.of(new PlanEdge("a", "b", "blocks")), "edge kind");
        assertRefused(List.of(task("a", null)), List.of(dependsOn("a", "a")), "itself");
        assertRefused(List.of(), List.of(), "between 1 and");
    }

    /** Property: for random DAGs, every task comes after all it depends on, and compiling again changes nothing. */
    @Test
    void forRandomDagsTheOrderRespectsEveryDependency() {
        Random random = new Random(20261124);
        for (int round = 0; round < 500; round++) {
            int size = 1 + random.nextInt(40);
            List<PlanNode> nodes = tasks(size);
            List<PlanEdge> edges = randomDag(random, size);
            Collections.shuffle(nodes, random);
            PlanCanvas canvas = PlanCanvas.checked(nodes, edges);

            CompiledGraph graph = PlanCompiler.compile(PLAN, canvas, "full");

            Map<String, Integer> position = new HashMap<>();
            graph.tasks().forEach(t -> position.put(t.key(), position.size()));
            assertThat(position).hasSize(size);
            for (PlanEdge edge : edges) {
                assertThat(position.get(edge.from())).as("round %d: %s after %s", round, edge.from(), edge.to())
                        .isGreaterThan(position.get(edge.to()));
            }
            assertThat(PlanCompiler.compile(PLAN, canvas, "full")).isEqualTo(graph);
        }
    }

    /** Property: a random graph with a cycle is always refused, and what it names is a real cycle of it. */
    @Test
    void forRandomGraphsWithACycleTheCycleIsAlwaysFound() {
        Random random = new Random(424242);
        for (int round = 0; round < 500; round++) {
            int size = 2 + random.nextInt(30);
            List<PlanNode> nodes = tasks(size);
            List<PlanEdge> edges = randomDag(random, size);
            int from = random.nextInt(size - 1);
            int to = from + 1 + random.nextInt(size - 1 - from);
            edges.add(dependsOn("t" + from, "t" + to)); // closes a cycle through any path from t<to> down to t<from>
            edges.add(dependsOn("t" + to, "t" + from));
            Collections.shuffle(nodes, random);
            PlanCanvas canvas = PlanCanvas.checked(nodes, edges);

            DomainException refused = catchThrowableOfType(() -> PlanCompiler.compile(PLAN, canvas, "full"),
                    DomainException.class);

            assertThat(refused).as("round %d", round).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.CYCLE_DETECTED);
            @SuppressWarnings("unchecked")
            List<String> cycle = (List<String>) refused.details().get("cycle");
            assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                assertThat(edges).as("round %d: %s depends on %s", round, cycle.get(i), cycle.get(i + 1))
                        .contains(dependsOn(cycle.get(i), cycle.get(i + 1)));
            }
        }
    }

    private static List<PlanNode> tasks(int count) {
        List<PlanNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(task("t" + i, null));
        }
        return nodes;
    }

    /** Random dependencies of t<i> on lower-numbered tasks only, so without a cycle (about two per task). */
    private static List<PlanEdge> randomDag(Random random, int size) {
        List<PlanEdge> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < i; j++) {
                if (random.nextInt(size) < 2) {
                    edges.add(dependsOn("t" + i, "t" + j));
                }
            }
        }
        return edges;
    }

    private static void assertRefused(List<PlanNode> nodes, List<PlanEdge> edges, String message) {
        assertThatThrownBy(() -> PlanCanvas.checked(nodes, edges)).isInstanceOf(DomainException.class)
                .hasMessageContaining(message);
    }

    private static Map<String, CompiledTask> byKey(CompiledGraph graph) {
        Map<String, CompiledTask> tasks = new HashMap<>();
        graph.tasks().forEach(task -> tasks.put(task.key(), task));
        return tasks;
    }
}
