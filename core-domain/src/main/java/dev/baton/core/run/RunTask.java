package dev.baton.core.run;

import java.util.List;

/** A task of the graph a run runs: its board task, its key and title in the plan, and the tasks it depends on. */
public record RunTask(String taskId, String key, String title, List<String> dependsOn) {
}
