package dev.baton.core.plan;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Compiles a plan's canvas into a task graph, deterministically: the same canvas gives the same graph, task ids
 * and order. Task-layer nodes become tasks. A task inherits the acceptance criteria and the context of the nodes
 * that contain it ({@code parent}, or a {@code contains} edge, transitively). A {@code depends_on} edge between two
 * nodes makes every task under the first depend on every task under the second. In {@code mvp} mode only the tasks
 * marked MVP (or under an MVP node) are kept, with everything they depend on. A dependency cycle is refused with
 * {@code CYCLE_DETECTED} and the cycle's task keys in order.
 */
public final class PlanCompiler {

    public static final List<String> MODES = List.of("mvp", "full");

    private final Map<String, PlanNode> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> canvasOrder = new HashMap<>();
    private final Map<String, Set<String>> containers = new HashMap<>();
    private final Map<String, Set<String>> contained = new HashMap<>();

    private PlanCompiler(List<PlanNode> canvasNodes, List<PlanEdge> edges) {
        for (PlanNode node : canvasNodes) {
            nodes.put(node.key(), node);
            canvasOrder.put(node.key(), canvasOrder.size());
        }
        for (PlanNode node : canvasNodes) {
            if (node.parent() != null) {
                contain(node.parent(), node.key());
            }
        }
        edges.stream().filter(edge -> edge.kind().equals(PlanEdge.CONTAINS)).forEach(edge -> contain(edge.from(), edge.to()));
    }

    /** The graph of a checked canvas ({@link PlanCanvas#checked}) in {@code mode} ({@code mvp} or {@code full}). */
    public static CompiledGraph compile(String planId, PlanCanvas canvas, String mode) {
        if (!MODES.contains(mode)) {
            throw DomainException.invalidField("mode", "mode must be mvp or full");
        }
        return new PlanCompiler(canvas.nodes(), canvas.edges()).compile(planId, canvas.edges(), mode);
    }

    /** The id a plan's task gets: the same for the same plan and key, so compiling again finds the same tasks. */
    public static String taskId(String planId, String key) {
        return UUID.nameUUIDFromBytes(("baton-plan:" + planId + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void contain(String container, String child) {
        containers.computeIfAbsent(child, k -> new LinkedHashSet<>()).add(container);
        contained.computeIfAbsent(container, k -> new LinkedHashSet<>()).add(child);
    }

    private CompiledGraph compile(String planId, List<PlanEdge> edges, String mode) {
        dependencyOrder(nodes.keySet(), containers); // each node after its containers: refuses a containment cycle
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        nodes.values().stream().filter(PlanNode::isTask).forEach(task -> dependsOn.put(task.key(), new TreeSet<>(byCanvas())));
        for (PlanEdge edge : edges) {
            if (!edge.kind().equals(PlanEdge.DEPENDS_ON)) {
                continue;
            }
            Set<String> dependants = tasksUnder(edge.from());
            Set<String> dependencies = tasksUnder(edge.to());
            for (String task : dependants) {
                if (!dependencies.contains(task)) { // a node depending on a node it contains adds nothing inside it
                    dependencies.forEach(dependency -> dependsOn.get(task).add(dependency));
                }
            }
        }
        Set<String> kept = mode.equals("mvp") ? mvpClosure(dependsOn) : dependsOn.keySet();
        List<String> order = dependencyOrder(kept, dependsOn);
        List<CompiledTask> tasks = new ArrayList<>();
        for (String key : order) {
            PlanNode task = nodes.get(key);
            tasks.add(new CompiledTask(key, taskId(planId, key), task.title(), description(task), criteria(task),
                    List.copyOf(dependsOn.get(key))));
        }
        return new CompiledGraph(mode, List.copyOf(tasks));
    }

    private Comparator<String> byCanvas() {
        return Comparator.comparing(canvasOrder::get);
    }

    /** Every task at or below {@code key} in the containment tree. */
    private Set<String> tasksUnder(String key) {
        Set<String> tasks = new TreeSet<>(byCanvas());
        List<String> pending = new ArrayList<>(List.of(key));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String current = pending.remove(pending.size() - 1);
            if (!seen.add(current)) {
                continue;
            }
            if (nodes.get(current).isTask()) {
                tasks.add(current);
            }
            pending.addAll(contained.getOrDefault(current, Set.of()));
        }
        return tasks;
    }

    /** The nodes containing {@code key}, nearest first, each once. */
    private List<PlanNode> ancestors(String key) {
        List<PlanNode> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(key));
        List<String> level = new ArrayList<>(containers.getOrDefault(key, Set.of()));
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String container : level) {
                if (seen.add(container)) {
                    ancestors.add(nodes.get(container));
                    next.addAll(containers.getOrDefault(container, Set.of()));
                }
            }
            level = next;
        }
        return ancestors;
    }

    private Set<String> mvpClosure(Map<String, Set<String>> dependsOn) {
        Set<String> kept = new TreeSet<>(byCanvas());
        List<String> pending = new ArrayList<>();
        for (String task : dependsOn.keySet()) {
            if (nodes.get(task).mvp() || ancestors(task).stream().anyMatch(PlanNode::mvp)) {
                pending.add(task);
            }
        }
        if (pending.isEmpty()) {
            throw DomainException.invalidField("mode", "no task is marked mvp (nor under a node marked mvp):"
                    + " mark the MVP's nodes, or compile in full mode");
        }
        while (!pending.isEmpty()) {
            String task = pending.remove(pending.size() - 1);
            if (kept.add(task)) {
                pending.addAll(dependsOn.get(task));
            }
        }
        return kept;
    }

    /**
     * Kahn's algorithm over {@code keys}, each after those {@code after} names, taking ready keys in canvas order;
     * what is left over holds a cycle, which is refused.
     */
    private List<String> dependencyOrder(Set<String> kept, Map<String, Set<String>> dependsOn) {
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<String>> dependants = new HashMap<>();
        TreeSet<String> ready = new TreeSet<>(byCanvas());
        for (String task : kept) {
            Set<String> dependencies = dependsOn.getOrDefault(task, Set.of());
            waitingFor.put(task, dependencies.size());
            dependencies.forEach(dependency -> dependants.computeIfAbsent(dependency, k -> new ArrayList<>()).add(task));
            if (dependencies.isEmpty()) {
                ready.add(task);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String task = ready.pollFirst();
            order.add(task);
            for (String dependant : dependants.getOrDefault(task, List.of())) {
                if (waitingFor.merge(dependant, -1, Integer::sum) == 0) {
                    ready.add(dependant);
                }
            }
        }
        if (order.size() < kept.size()) {
            Set<String> left = new TreeSet<>(byCanvas());
            left.addAll(kept);
            order.forEach(left::remove);
            throw cycle(findCycle(left, dependsOn));
        }
        return order;
    }

    /** Follows dependencies inside {@code left} (where every task waits on another of them) until one repeats. */
    private static List<String> findCycle(Set<String> left, Map<String, Set<String>> dependsOn) {
        List<String> path = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        String current = left.iterator().next();
        while (!position.containsKey(current)) {
            position.put(current, path.size());
            path.add(current);
            current = dependsOn.getOrDefault(current, Set.of()).stream().filter(left::contains).sorted().findFirst()
                    .orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(position.get(current), path.size()));
        cycle.add(current);
        return cycle;
    }

    private static DomainException cycle(List<String> keys) {
        return new DomainException(ErrorCode.CYCLE_DETECTED, "the plan has a cycle: " + String.join(" -> ", keys),
                Map.of("cycle", List.copyOf(keys)));
    }

    private String description(PlanNode task) {
        StringBuilder description = new StringBuilder(task.notes() == null ? "" : task.notes().strip());
        List<PlanNode> context = ancestors(task.key());
        if (!context.isEmpty()) {
            description.append(description.isEmpty() ? "" : "\n\n").append("Context:");
            for (int i = context.size() - 1; i >= 0; i--) {
                PlanNode node = context.get(i);
                description.append("\n- ").append(node.layer()).append(' ').append(node.title());
                if (node.notes() != null && !node.notes().isBlank()) {
                    description.append(": ").append(node.notes().strip());
                }
            }
        }
        return description.toString();
    }

    private List<String> criteria(PlanNode task) {
        Set<String> criteria = new LinkedHashSet<>(task.criteria());
        List<PlanNode> context = ancestors(task.key());
        for (int i = context.size() - 1; i >= 0; i--) {
            criteria.addAll(context.get(i).criteria());
        }
        return List.copyOf(criteria);
    }
}
