package dev.baton.runner.process;

import java.nio.file.Path;

/**
 * The files of one agent run, in its attempt's folder: what it printed, what it was given on stdin, its process id
 * and, once it has ended, its exit status. They outlive the server, so a restarted server can re-attach to a run
 * and read everything it printed meanwhile.
 */
public record RunFiles(Path folder) {

    public Path stdout() {
        return folder.resolve("agent.stdout");
    }

    public Path stderr() {
        return folder.resolve("agent.stderr");
    }

    public Path stdin() {
        return folder.resolve("agent.stdin");
    }

    public Path pid() {
        return folder.resolve("agent.pid");
    }

    /** Written by the run's wrapper when the agent exits (absent if the wrapper was killed too). */
    public Path exitStatus() {
        return folder.resolve("agent.exit");
    }
}
