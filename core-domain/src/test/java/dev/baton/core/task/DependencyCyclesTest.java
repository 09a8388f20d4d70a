package dev.baton.core.task;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyCyclesTest {

    private final Map<String, Set<String>> edges = Map.of(
            "b", Set.of("c"),
            "c", Set.of("d"),
            "d", Set.of());

    @Test
    void noCycleWhenTheNewDependenciesDoNotReachTheTask() {
        assertThat(DependencyCycles.cycleThrough("a", List.of("b"), this::edgesOf)).isEmpty();
    }

    @Test
    void findsTheCycleInDependencyOrder() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of());
        List<String> cycle = DependencyCycles.cycleThrough("c", List.of("a"), key -> graph.getOrDefault(key, Set.of()));
        assertThat(cycle).containsExactly("c", "a", "b", "c");
    }

    @Test
    void aTaskCannotDependOnItself() {
        assertThat(DependencyCycles.cycleThrough("a", List.of("a"), this::edgesOf)).containsExactly("a", "a");
    }

    private Set<String> edgesOf(String task) {
        return edges.getOrDefault(task, Set.of());
    }
}
