package dev.baton.runner.agent;

import dev.baton.core.agent.AgentAdapter;
import dev.baton.runner.agent.AgentEvent.Done;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each adapter end to end through a real process: a bash script stands in for the CLI (it is the profile's command
 * override), records its argv, working directory and config folder, prints the reference output and exits.
 */
class AgentCliTest {

    @TempDir
    Path dir;
    private Path worktree;
    private Path configHome;

    @BeforeEach
    void folders() throws IOException {
        worktree = Files.createDirectory(dir.resolve("worktree"));
        configHome = Files.createDirectory(dir.resolve("home"));
    }

    @Test
    void everyAdapterHasACli() {
        assertThat(AgentCli.ALL).extracting(cli -> cli.adapter().id())
                .containsExactly("command", "codex", "claude-code", "opencode", "gemini", "moxxy");
        assertThat(AgentCli.ALL).extracting(AgentCli::adapter).containsExactlyInAnyOrder(AgentAdapter.values());
    }

    @Test
    void codexFollowUpThroughAFakeExecutable() throws Exception {
        String thread = "01a20035-fb51-7700-8b21-baca211a6684";
        Run run = run("codex", "gpt-5.5", new RunRequest.Resume(thread, null), "codex/run.jsonl", 0);

        assertThat(run.argv).containsExactly("exec", "--json", "--skip-git-repo-check", "-C", worktree.toString(),
                "-s", "workspace-write", "-m", "gpt-5.5", "-c", "approval_policy=never", "resume", thread, "Create hello.txt");
        assertThat(run.parser.sessionId()).contains(thread);
        assertThat(run.events).filteredOn(Done.class::isInstance).containsExactly(Done.of(DoneStatus.SUCCESS, null));
    }

    @Test
    void claudeCodeThroughAFakeExecutable() throws Exception {
        Run run = run("claude-code", null, null, "claude-code/run.jsonl", 0);

        assertThat(run.argv).containsExactly("-p", "Create hello.txt", "--output-format", "stream-json", "--verbose",
                "--permission-mode", "bypassPermissions");
        assertThat(run.parser.sessionId()).contains("b2b12a3d-…");
        assertThat(run.events).filteredOn(Done.class::isInstance).containsExactly(new Done(DoneStatus.SUCCESS, "Created hello.txt. All done.", null, 3, 465L));
    }

    @Test
    void openCodeFailureThroughAFakeExecutable() throws Exception {
        Run run = run("opencode", "mock/mock-model", null, "opencode/auth-failure.jsonl", 1);

        assertThat(run.argv).containsExactly("run", "--format", "json", "--auto", "--dir", worktree.toString(),
                "-m", "mock/mock-model", "Create hello.txt");
        assertThat(run.events).filteredOn(Done.class::isInstance).containsExactly(new Done(DoneStatus.FAILED, null, 1, null, null));
    }

    @Test
    void geminiThroughAFakeExecutable() throws Exception {
        Run run = run("gemini", null, new RunRequest.Resume("9ed48808-cedf-48e9-aa35-f9917657a2f6", null),
                "gemini/run.jsonl", 0);

        assertThat(run.argv).containsExactly("-p", "Create hello.txt", "--output-format", "stream-json", "--yolo",
                "--skip-trust", "--resume", "9ed48808-cedf-48e9-aa35-f9917657a2f6");
        assertThat(run.events).filteredOn(Done.class::isInstance).containsExactly(new Done(DoneStatus.SUCCESS, null, null, null, 213L));
    }

    @Test
    void commandThroughAFakeExecutableGetsThePromptInItsEnvironmentAndOnStdin() throws Exception {
        Path script = script("printf 'env: %s\\n' \"$BATON_PROMPT\"\nprintf 'stdin: '\ncat\nexit 3\n");
        RunRequest request = RunRequest.firstRun(Runs.profile("command", null, List.of(script.toString(), "--fast"),
                Map.of()), "Create hello.txt", worktree, configHome);

        Run run = start(request, script);

        assertThat(run.argv).containsExactly("--fast");
        assertThat(run.events).containsExactly(Message.assistant("env: Create hello.txt"),
                Message.assistant("stdin: Create hello.txt"), AgentEvent.Error.warning("fake CLI on stderr"),
                new Done(DoneStatus.FAILED, null, 3, null, null));
    }

    /** Runs the adapter's invocation with a script that prints the reference output and exits with {@code exitCode}. */
    private Run run(String adapter, String model, RunRequest.Resume resume, String output, int exitCode)
            throws Exception {
        Path lines = Files.write(dir.resolve("output.jsonl"), ReferenceOutput.asPrinted(output));
        Path script = script("cat '" + lines + "'\nexit " + exitCode + "\n");
        RunRequest request = new RunRequest(Runs.profile(adapter, model, List.of(script.toString()), Map.of()),
                "Create hello.txt", worktree, configHome, resume);

        Run run = start(request, script);

        // What came through the pipe reads exactly as the lines fed straight to a parser, plus stderr and done.
        OutputParser direct = AgentCli.forProfile(request.profile()).orElseThrow().newParser(request);
        List<AgentEvent> expected = new ArrayList<>();
        ReferenceOutput.asPrinted(output).forEach(line -> expected.addAll(direct.onLine(line)));
        expected.add(AgentEvent.Error.warning("fake CLI on stderr"));
        expected.addAll(direct.onExit(exitCode, false));
        assertThat(run.events).isEqualTo(expected);
        return run;
    }

    /** A script that first records its argv, cwd and config folder next to itself and writes a line to stderr. */
    private Path script(String body) throws IOException {
        Path script = dir.resolve("fake-cli");
        Files.writeString(script, "#!/bin/bash\n"
                + "printf '%s\\0' \"$@\" > '" + dir.resolve("argv") + "'\n"
                + "pwd > '" + dir.resolve("cwd") + "'\n"
                + "env -0 > '" + dir.resolve("env") + "'\n"
                + "echo 'fake CLI on stderr' >&2\n"
                + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Run start(RunRequest request, Path script) throws Exception {
        AgentCli cli = AgentCli.forProfile(request.profile()).orElseThrow();
        Invocation invocation = cli.invocation(request);
        assertThat(invocation.argv()).startsWith(script.toString());
        OutputParser parser = cli.newParser(request);
        Process process = invocation.processBuilder().start();
        if (invocation.stdin() != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(invocation.stdin().getBytes(StandardCharsets.UTF_8));
            }
        }
        List<AgentEvent> events = new ArrayList<>();
        lines(process.getInputStream()).forEach(line -> events.addAll(parser.onLine(line)));
        lines(process.getErrorStream()).forEach(line -> events.addAll(parser.onStderr(line)));
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        events.addAll(parser.onExit(process.exitValue(), false));

        assertThat(Files.readString(dir.resolve("cwd")).strip()).isEqualTo(worktree.toString());
        List<String> environment = nulSeparated(dir.resolve("env"));
        assertThat(environment).contains("NO_COLOR=1");
        if (invocation.configHomeVariable() != null) {
            assertThat(environment).contains(invocation.configHomeVariable() + "=" + configHome);
        }
        return new Run(nulSeparated(dir.resolve("argv")), events, parser);
    }

    private static List<String> nulSeparated(Path file) throws IOException {
        String text = Files.readString(file);
        return text.isEmpty() ? List.of() : Arrays.asList(text.substring(0, text.length() - 1).split("\0"));
    }

    private static List<String> lines(InputStream stream) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private record Run(List<String> argv, List<AgentEvent> events, OutputParser parser) {
    }
}
