package dev.baton.runner.agent;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.runner.agent.claude.ClaudeCodeCli;
import dev.baton.runner.agent.codex.CodexCli;
import dev.baton.runner.agent.command.CommandCli;
import dev.baton.runner.agent.gemini.GeminiCli;
import dev.baton.runner.agent.moxxy.MoxxyCli;
import dev.baton.runner.agent.opencode.OpenCodeCli;

import java.util.List;
import java.util.Optional;

/**
 * How Baton drives one coding-agent CLI headless: how to start it (first run or follow-up) and how to read what it
 * prints. Named for the CLI so as not to clash with the profile's {@link AgentAdapter} setting, which picks one.
 */
public interface AgentCli {

    List<AgentCli> ALL = List.of(new CommandCli(), new CodexCli(), new ClaudeCodeCli(), new OpenCodeCli(),
            new GeminiCli(), new MoxxyCli());

    AgentAdapter adapter();

    /** The program a profile without its own {@code command} runs; null when every profile must name one. */
    String executable();

    Invocation invocation(RunRequest run);

    /** A fresh parser for the output of the run started with {@code invocation(run)}. */
    OutputParser newParser(RunRequest run);

    /** Whether the CLI keeps sessions that a later run resumes ({@link RunRequest#resume()}). */
    default boolean hasSessions() {
        return true;
    }

    /** The CLI for a profile's adapter. */
    static Optional<AgentCli> forAdapter(AgentAdapter adapter) {
        return ALL.stream().filter(cli -> cli.adapter() == adapter).findFirst();
    }

    static Optional<AgentCli> forProfile(AgentProfileSettings profile) {
        return AgentAdapter.fromId(profile.adapter()).flatMap(AgentCli::forAdapter);
    }
}
