package dev.baton.runner.agent.moxxy;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;
import dev.baton.runner.moxxy.JavaLauncher;
import dev.baton.runner.moxxy.MoxxyDelegate;
import dev.baton.runner.moxxy.MoxxyInstance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A moxxy agent as an attempt's agent: the process is {@link MoxxyDelegate}, a small Java program of Baton's own
 * that hands the task to the moxxy agent named by the profile's {@code model} ({@value #DEFAULT_AGENT} when it has
 * none) and prints the job's progress. The profile's {@code command} plays no part. Which instance to call, and the
 * token, are not the profile's: the runner adds them to the environment with {@link #connect} when it starts the run.
 * moxxy keeps no session Baton could resume, so a follow-up is another job with the new prompt.
 */
public final class MoxxyCli implements AgentCli {

    public static final String DEFAULT_AGENT = "default";

    @Override
    public AgentAdapter adapter() {
        return AgentAdapter.MOXXY;
    }

    @Override
    public String executable() {
        return JavaLauncher.javaExecutable();
    }

    @Override
    public Invocation invocation(RunRequest run) {
        JavaLauncher.Command java = JavaLauncher.of(MoxxyDelegate.class.getName());
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("NO_COLOR", "1");
        if (run.profile().env() != null) {
            environment.putAll(run.profile().env());
        }
        environment.putAll(java.environment());
        environment.put(MoxxyDelegate.AGENT, agent(run));
        return new Invocation(java.argv(), environment, null, run.worktree(), run.prompt());
    }

    /** The run's invocation told where the connected instance is and how to authenticate (the token as a variable). */
    public static Invocation connect(Invocation invocation, MoxxyInstance instance) {
        return invocation.withEnvironment(MoxxyDelegate.environment(instance));
    }

    /** The moxxy agent that takes the task. */
    public static String agent(RunRequest run) {
        String model = run.profile().model();
        return model == null || model.isBlank() ? DEFAULT_AGENT : model.strip();
    }

    @Override
    public boolean hasSessions() {
        return false;
    }

    @Override
    public OutputParser newParser(RunRequest run) {
        return new MoxxyParser();
    }
}
