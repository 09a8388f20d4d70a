package dev.baton.runner.agent.opencode;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenCode 1.18 through {@code opencode run --format json} (reference §3). Without --auto every permission request
 * is rejected in a headless run. The model is {@code provider/model}. OpenCode keeps its data under HOME.
 */
public final class OpenCodeCli implements AgentCli {

    @Override
    public AgentAdapter adapter() {
        return AgentAdapter.OPENCODE;
    }

    @Override
    public String executable() {
        return "opencode";
    }

    @Override
    public Invocation invocation(RunRequest run) {
        List<String> args = new ArrayList<>(List.of("run", "--format", "json", "--auto",
                "--dir", run.worktree().toString()));
        if (run.profile().model() != null) {
            args.addAll(List.of("-m", run.profile().model()));
        }
        run.resumedSessionId().ifPresent(sessionId -> args.addAll(List.of("-s", sessionId)));
        args.add(run.prompt());
        return Invocation.of(run, executable(), args, Map.of("OPENCODE_DISABLE_AUTOUPDATE", "1",
                "OPENCODE_DISABLE_MODELS_FETCH", "1", "OPENCODE_DISABLE_SHARE", "1"), "HOME");
    }

    @Override
    public OutputParser newParser(RunRequest run) {
        return new OpenCodeParser();
    }
}
