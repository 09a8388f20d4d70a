package dev.baton.runner.agent;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one run: the argv, the variables added to the runner's environment, the working directory and what
 * goes to stdin ({@code stdin} null means /dev/null: Codex and OpenCode would wait on an open pipe).
 * {@code configHomeVariable} names the variable in {@code environment} that points at the CLI's private config
 * folder, or is null when the CLI has none.
 */
public record Invocation(List<String> argv, Map<String, String> environment, String configHomeVariable,
                         Path workingDirectory, String stdin) {

    private static final File DEV_NULL = new File("/dev/null");

    public Invocation {
        argv = List.copyOf(argv);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /**
     * The usual shape of an invocation: the profile's {@code command} (or else {@code executable}; the command
     * adapter has none, its profiles must have a command) followed by
     * {@code arguments}; the environment is NO_COLOR, then {@code cliEnvironment}, then the profile's own
     * {@code env}, and last the config folder, so that a profile cannot point a CLI at the user's own config.
     */
    public static Invocation of(RunRequest run, String executable, List<String> arguments,
                                Map<String, String> cliEnvironment, String configHomeVariable) {
        List<String> override = run.profile().command();
        List<String> argv = new ArrayList<>(override == null || override.isEmpty() ? List.of(executable) : override);
        argv.addAll(arguments);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("NO_COLOR", "1");
        environment.putAll(cliEnvironment);
        if (run.profile().env() != null) {
            environment.putAll(run.profile().env());
        }
        if (configHomeVariable != null) {
            environment.put(configHomeVariable, run.configHome().toString());
        }
        return new Invocation(argv, environment, configHomeVariable, run.worktree(), null);
    }

    public Invocation withStdin(String text) {
        return new Invocation(argv, environment, configHomeVariable, workingDirectory, text);
    }

    /** This invocation with {@code variables} added to its environment (over any of the same name). */
    public Invocation withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(variables);
        return new Invocation(argv, merged, configHomeVariable, workingDirectory, stdin);
    }

    /**
     * This invocation with {@code variables} added to its environment, except those it sets already: the profile's
     * own {@code env} and the CLI's config folder win over them.
     */
    public Invocation withFallbackEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new LinkedHashMap<>(variables);
        merged.putAll(environment);
        return new Invocation(argv, merged, configHomeVariable, workingDirectory, stdin);
    }

    /**
     * A process builder for this invocation, stdout and stderr kept apart. When {@code stdin} is set, stdin is a pipe
     * and the caller writes the text and closes it.
     */
    public ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(DEV_NULL) : ProcessBuilder.Redirect.PIPE);
        return builder;
    }

    /** Variable names only: values may hold endpoints or tokens and end up in logs. */
    @Override
    public String toString() {
        return "Invocation[argv=" + argv + ", environment=" + environment.keySet() + ", configHomeVariable="
                + configHomeVariable + ", workingDirectory=" + workingDirectory + ", stdin="
                + (stdin == null ? "/dev/null" : stdin.length() + " chars") + "]";
    }
}
