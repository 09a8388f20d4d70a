package dev.baton.core.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Finds the cycle that giving a task new dependencies would close, if any. */
public final class DependencyCycles {

    private DependencyCycles() {
    }

    /**
     * @param task      the task whose dependencies change
     * @param dependsOn its new dependencies
     * @param edges     the current dependencies of any other task (may answer an empty set)
     * @return the cycle as task ids in dependency order, starting and ending at {@code task}; empty if none
     */
    public static List<String> cycleThrough(String task, Collection<String> dependsOn,
                                            Function<String, Set<String>> edges) {
        // Depth-first search from the new dependencies back to the task, remembering how each node was reached.
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        for (String dependency : dependsOn) {
            if (reachedFrom.putIfAbsent(dependency, task) == null) {
                stack.push(dependency);
            }
        }
        while (!stack.isEmpty()) {
            String current = stack.pop();
            if (current.equals(task)) {
                return path(task, reachedFrom);
            }
            for (String next : edges.apply(current)) {
                if (!reachedFrom.containsKey(next)) {
                    reachedFrom.put(next, current);
                    stack.push(next);
                }
            }
        }
        return List.of();
    }

    private static List<String> path(String task, Map<String, String> reachedFrom) {
        List<String> reversed = new ArrayList<>();
        String node = task;
        do {
            reversed.add(node);
            node = reachedFrom.get(node);
        } while (!node.equals(task));
        reversed.add(task);
        List<String> cycle = new ArrayList<>();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            cycle.add(reversed.get(i));
        }
        return cycle;
    }
}
