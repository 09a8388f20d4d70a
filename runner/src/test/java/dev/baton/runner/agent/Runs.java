package dev.baton.runner.agent;

import dev.baton.core.agent.AgentLimits;
import dev.baton.core.agent.AgentProfileSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Profiles, run requests and parser feeding shared by the adapter tests. */
public final class Runs {

    public static final Path WORKTREE = Path.of("/data/worktrees/att-1");
    public static final Path CONFIG_HOME = Path.of("/data/agent-homes/att-1");

    private Runs() {
    }

    public static AgentProfileSettings profile(String adapter) {
        return profile(adapter, null, List.of(), Map.of());
    }

    public static AgentProfileSettings profile(String adapter, String model, List<String> command,
                                               Map<String, String> env) {
        return AgentProfileSettings.checked("builder", adapter, model, command, env, "builder", AgentLimits.NONE);
    }

    public static RunRequest firstRun(AgentProfileSettings profile, String prompt) {
        return RunRequest.firstRun(profile, prompt, WORKTREE, CONFIG_HOME);
    }

    public static RunRequest followUp(AgentProfileSettings profile, String prompt, String sessionId) {
        return RunRequest.followUp(profile, prompt, WORKTREE, CONFIG_HOME, new RunRequest.Resume(sessionId, null));
    }

    /** Everything the parser says for these stdout lines and then the exit. */
    public static List<AgentEvent> feed(OutputParser parser, List<String> lines, int exitCode, boolean cancelledByUs) {
        List<AgentEvent> events = new ArrayList<>();
        lines.forEach(line -> events.addAll(parser.onLine(line)));
        events.addAll(parser.onExit(exitCode, cancelledByUs));
        return events;
    }
}
