package dev.baton.runner.agent.claude;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claude Code 2.1 through {@code claude -p <prompt> --output-format stream-json --verbose} (reference §2); the
 * worktree is the working directory. stream-json needs --verbose.
 */
public final class ClaudeCodeCli implements AgentCli {

    @Override
    public AgentAdapter adapter() {
        return AgentAdapter.CLAUDE_CODE;
    }

    @Override
    public String executable() {
        return "claude";
    }

    @Override
    public Invocation invocation(RunRequest run) {
        List<String> args = new ArrayList<>(List.of("-p", run.prompt(), "--output-format", "stream-json",
                "--verbose", "--permission-mode", "bypassPermissions"));
        if (run.profile().model() != null) {
            args.addAll(List.of("--model", run.profile().model()));
        }
        run.resumedSessionId().ifPresent(sessionId -> args.addAll(List.of("--resume", sessionId)));
        return Invocation.of(run, executable(), args,
                Map.of("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_AUTOUPDATER", "1"),
                "CLAUDE_CONFIG_DIR");
    }

    @Override
    public OutputParser newParser(RunRequest run) {
        return new ClaudeCodeParser();
    }
}
