package dev.baton.runner.process;

import dev.baton.runner.agent.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real child processes: bash scripts standing in for agents. */
class ProcessSupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ProcessSupervisor supervisor = new ProcessSupervisor();
    private final List<AgentProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (AgentProcess process : started) {
            process.stop(Duration.ofMillis(100));
        }
    }

    private AgentProcess run(String script, String stdin) throws IOException {
        Invocation invocation = new Invocation(List.of("bash", "-c", script), Map.of("AGENT_MODE", "test"), null, dir,
                stdin);
        AgentProcess process = supervisor.start(invocation, new RunFiles(dir.resolve("attempt")));
        started.add(process);
        return process;
    }

    private static long lines(AgentProcess agent) throws IOException {
        return read(agent.files().stdout()).lines().count();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void anAgentRunsInItsOwnProcessGroupWithStdinClosedAndItsOutputInFiles() throws Exception {
        // fields 5 and 6 of /proc/<pid>/stat: the process group and the session
        AgentProcess agent = run("echo \"pgid $(cut -d' ' -f5 /proc/$$/stat) sid $(cut -d' ' -f6 /proc/$$/stat)\";"
                + " echo \"stdin [$(cat)]\"; echo \"mode $AGENT_MODE\"; echo oops >&2; exit 3", null);

        assertThat(agent.awaitExit(WAIT)).isTrue();

        String stdout = read(agent.files().stdout());
        assertThat(stdout).contains("pgid " + agent.pid() + " sid " + agent.pid()).contains("stdin []")
                .contains("mode test");
        assertThat(read(agent.files().stderr())).isEqualTo("oops\n");
        assertThat(agent.exitStatus()).contains(3);
        assertThat(read(agent.files().pid()).strip()).isEqualTo(Long.toString(agent.pid()));
    }

    @Test
    void stdinTextIsGivenThroughAFile() throws Exception {
        AgentProcess agent = run("cat", "the prompt\nsecond line");

        assertThat(agent.awaitExit(WAIT)).isTrue();

        assertThat(read(agent.files().stdout())).isEqualTo("the prompt\nsecond line");
        assertThat(agent.exitStatus()).contains(0);
    }

    @Test
    void stopSendsSigintFirstAndTheAgentsStatusIsKept() throws Exception {
        AgentProcess agent = run("trap 'echo saved session; exit 130' INT; echo ready; while true; do sleep 0.05; done",
                null);
        await().atMost(WAIT).until(() -> read(agent.files().stdout()).contains("ready"));

        agent.stop(Duration.ofSeconds(5));

        assertThat(agent.isAlive()).isFalse();
        assertThat(read(agent.files().stdout())).contains("saved session");
        assertThat(agent.exitStatus()).contains(130);
    }

    @Test
    void anAgentThatIgnoresSigintAndSigtermIsKilledWithEverythingItStarted() throws Exception {
        AgentProcess agent = run("trap '' INT TERM; sleep 1000 & echo \"child $!\"; while true; do sleep 0.05; done",
                null);
        await().atMost(WAIT).until(() -> read(agent.files().stdout()).contains("child "));
        long child = Long.parseLong(read(agent.files().stdout()).strip().replace("child ", ""));

        agent.stop(Duration.ofMillis(300));

        assertThat(agent.isAlive()).isFalse();
        await().atMost(WAIT).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
        assertThat(agent.exitStatus()).as("killed with its wrapper: no status").isEmpty();
    }

    @Test
    void pauseSuspendsTheAgentAndResumeContinuesIt() throws Exception {
        AgentProcess agent = run("i=0; while true; do i=$((i+1)); echo $i; sleep 0.02; done", null);
        await().atMost(WAIT).until(() -> lines(agent) > 3);

        agent.pause();
        // a line written just before the stop may still land: wait until the count holds still, then hold it
        long[] seen = {-1};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            long now = lines(agent);
            boolean still = now == seen[0];
            seen[0] = now;
            return still;
        });
        long paused = seen[0];
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> lines(agent) == paused);

        agent.resume();
        await().atMost(WAIT).until(() -> lines(agent) > paused + 3);
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void aPausedAgentCanStillBeStopped() throws Exception {
        AgentProcess agent = run("trap 'exit 130' INT; echo ready; while true; do sleep 0.05; done", null);
        await().atMost(WAIT).until(() -> read(agent.files().stdout()).contains("ready"));
        agent.pause();

        agent.stop(Duration.ofSeconds(5));

        assertThat(agent.isAlive()).isFalse();
        assertThat(agent.exitStatus()).contains(130);
    }

    @Test
    void aRunOutlivesItsSupervisorAndIsReattachedFromItsFiles() throws Exception {
        AgentProcess agent = run("echo before; read -t 30 line < <(sleep 0.5; echo go); echo after; exit 7", null);

        AgentProcess reattached = new ProcessSupervisor().reattach(agent.files()).orElseThrow();

        assertThat(reattached.pid()).isEqualTo(agent.pid());
        assertThat(reattached.awaitExit(WAIT)).isTrue();
        assertThat(reattached.exitStatus()).contains(7);
        assertThat(read(reattached.files().stdout())).isEqualTo("before\nafter\n");
        assertThat(new ProcessSupervisor().reattach(new RunFiles(dir.resolve("never-started")))).isEmpty();
    }
}
