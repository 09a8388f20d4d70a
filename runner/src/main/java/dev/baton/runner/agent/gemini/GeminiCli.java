package dev.baton.runner.agent.gemini;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI 0.61 through {@code gemini -p <prompt> --output-format stream-json} (reference §4); the worktree is the
 * working directory. Gemini keeps settings and sessions under HOME (~/.gemini).
 */
public final class GeminiCli implements AgentCli {

    @Override
    public AgentAdapter adapter() {
        return AgentAdapter.GEMINI;
    }

    @Override
    public String executable() {
        return "gemini";
    }

    @Override
    public Invocation invocation(RunRequest run) {
        List<String> args = new ArrayList<>(List.of("-p", run.prompt(), "--output-format", "stream-json",
                "--yolo", "--skip-trust"));
        if (run.profile().model() != null) {
            args.addAll(List.of("-m", run.profile().model()));
        }
        run.resumedSessionId().ifPresent(sessionId -> args.addAll(List.of("--resume", sessionId)));
        return Invocation.of(run, executable(), args, Map.of(), "HOME");
    }

    @Override
    public OutputParser newParser(RunRequest run) {
        return new GeminiParser();
    }
}
