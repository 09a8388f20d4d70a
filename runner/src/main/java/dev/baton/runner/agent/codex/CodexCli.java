package dev.baton.runner.agent.codex;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Codex 0.169 through {@code codex exec --json} (reference §1). Exec-level flags go before {@code resume};
 * the prompt is the last argument.
 */
public final class CodexCli implements AgentCli {

    @Override
    public AgentAdapter adapter() {
        return AgentAdapter.CODEX;
    }

    @Override
    public String executable() {
        return "codex";
    }

    @Override
    public Invocation invocation(RunRequest run) {
        List<String> args = new ArrayList<>(List.of("exec", "--json", "--skip-git-repo-check",
                "-C", run.worktree().toString(), "-s", "workspace-write"));
        if (run.profile().model() != null) {
            args.addAll(List.of("-m", run.profile().model()));
        }
        // --full-auto is gone since 0.128 and -a is no longer an exec flag; this is what replaces them.
        args.addAll(List.of("-c", "approval_policy=never"));
        run.resumedSessionId().ifPresent(threadId -> args.addAll(List.of("resume", threadId)));
        args.add(run.prompt());
        return Invocation.of(run, executable(), args, Map.of(), "CODEX_HOME");
    }

    @Override
    public OutputParser newParser(RunRequest run) {
        return new CodexParser(run.resume() == null ? null : run.resume().usageSoFar());
    }
}
