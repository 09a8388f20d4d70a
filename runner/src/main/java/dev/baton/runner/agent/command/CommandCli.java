package dev.baton.runner.agent.command;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;

import java.util.List;
import java.util.Map;

/**
 * Any program of the user's (the profile's {@code command}). It gets the prompt in {@code BATON_PROMPT} and on
 * stdin; each line it prints is an assistant message, and its exit code says how it went. It has no sessions, so a
 * follow-up is simply another run with the new prompt.
 */
public final class CommandCli implements AgentCli {

    public static final String PROMPT_VARIABLE = "BATON_PROMPT";

    @Override
    public AgentAdapter adapter() {
        return AgentAdapter.COMMAND;
    }

    @Override
    public String executable() {
        return null;
    }

    @Override
    public Invocation invocation(RunRequest run) {
        // No private config folder: the program is the user's own and may rely on their HOME.
        return Invocation.of(run, executable(), List.of(), Map.of(PROMPT_VARIABLE, run.prompt()), null)
                .withStdin(run.prompt());
    }

    @Override
    public boolean hasSessions() {
        return false;
    }

    @Override
    public OutputParser newParser(RunRequest run) {
        return new OutputParser() {
            @Override
            protected void parse(String stdoutLine) {
                emit(AgentEvent.Message.assistant(stdoutLine));
            }

            @Override
            protected DoneStatus cleanExitStatus() {
                return DoneStatus.SUCCESS;
            }
        };
    }
}
