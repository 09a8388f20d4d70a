package dev.baton.runner.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One agent run in its own process group (see {@link ProcessSupervisor}): stopped, paused and resumed by signalling
 * the whole group, so that the agent's own children (shells, test runners, language servers) go with it.
 */
public final class AgentProcess {

    private static final long POLL_MS = 20;
    private final long pid;
    private final RunFiles files;

    AgentProcess(long pid, RunFiles files) {
        this.pid = pid;
        this.files = files;
    }

    public long pid() {
        return pid;
    }

    public RunFiles files() {
        return files;
    }

    /** Whether the run's wrapper, and so the agent, is still there. */
    public boolean isAlive() {
        return Processes.isRunning(pid);
    }

    /** The agent's exit status, once it has exited; empty while it runs or if it was killed with its wrapper. */
    public Optional<Integer> exitStatus() {
        try {
            return Files.exists(files.exitStatus())
                    ? Optional.of(Integer.parseInt(Files.readString(files.exitStatus()).strip())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits at most {@code timeout} for the run to end; answers whether it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return await(() -> !isAlive(), timeout);
    }

    /** Suspends the agent and everything it started (SIGSTOP). */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    /**
     * Ends the run: SIGINT, then SIGTERM after {@code grace}, then SIGKILL after {@code grace} again (agents save their
     * session on SIGINT). It waits for the whole group, not only the agent: what the agent left running in the
     * background (a background job ignores SIGINT) gets the next signal. A paused run is continued after each signal, or it could not act on it.
     */
    public void stop(Duration grace) throws InterruptedException {
        for (String signal : new String[]{"INT", "TERM"}) {
            if (!Processes.groupIsRunning(pid)) {
                return;
            }
            signal(signal);
            signal("CONT");
            if (await(() -> !Processes.groupIsRunning(pid), grace)) {
                return;
            }
        }
        signal("KILL");
        await(() -> !Processes.groupIsRunning(pid), grace);
    }

    private static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }

    /**
     * Sends a signal to the run's process group (bash's built-in {@code kill -s SIG -- -pgid}, so nothing beyond bash
     * is needed); a group already gone is not an error.
     */
    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("bash", "-c", "kill -s " + name + " -- -" + pid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal process group " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
