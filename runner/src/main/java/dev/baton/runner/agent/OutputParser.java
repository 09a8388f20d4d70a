package dev.baton.runner.agent;

import dev.baton.runner.agent.AgentEvent.Done;
import dev.baton.runner.agent.AgentEvent.DoneStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one process run's output and says what happened as {@link AgentEvent}s. It keeps state for the run (the
 * session id, open tool calls, whether the CLI said it was done), so make a new one per run. It never throws on odd
 * output: a CLI's surprises become events and the run goes on.
 */
public abstract class OutputParser {

    private final List<AgentEvent> pending = new ArrayList<>();
    private String sessionId;
    private boolean done;
    private boolean fatalErrorSeen;

    /** One line of the CLI's stdout, without its line break. */
    public final List<AgentEvent> onLine(String stdoutLine) {
        try {
            parse(stdoutLine);
        } catch (RuntimeException e) {
            // A mapping bug must not stop the run: say what went wrong and read the next line.
            emit(AgentEvent.Error.warning("could not read output line (" + e + "): " + shortened(stdoutLine)));
        }
        return drain();
    }

    /** One line of stderr: shown in the log as a non-fatal error, never used to decide how the run ended. */
    public final List<AgentEvent> onStderr(String line) {
        if (!line.isBlank()) {
            emit(AgentEvent.Error.warning(line.strip()));
        }
        return drain();
    }

    /**
     * The process ended. Gives the {@code done} event when the CLI did not give one: cancelled when we stopped it
     * (Claude exits 0 after SIGINT, Codex 1), failed on a non-zero exit or after a fatal error, and otherwise
     * whatever {@link #cleanExitStatus()} says.
     */
    public final List<AgentEvent> onExit(int exitCode, boolean cancelledByUs) {
        if (!done) {
            DoneStatus status = cancelledByUs ? DoneStatus.CANCELLED
                    : exitCode != 0 || fatalErrorSeen ? DoneStatus.FAILED
                    : cleanExitStatus();
            emit(new Done(status, null, exitCode, null, null));
        }
        return drain();
    }

    /** The CLI's session id once it has said it, to resume the session in a follow-up. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    protected abstract void parse(String stdoutLine);

    /**
     * How a run ended that exited 0, unasked, without the CLI's own final event. For CLIs that always end with one
     * (a result line), that means the run was cut short, hence failed; the others override this.
     */
    protected DoneStatus cleanExitStatus() {
        return DoneStatus.FAILED;
    }

    /** Adds an event; the first {@code session} sets the session id, and only the first {@code done} counts. */
    protected final void emit(AgentEvent event) {
        if (event instanceof Done) {
            if (done) {
                return;
            }
            done = true;
        }
        if (event instanceof AgentEvent.Session session && sessionId == null) {
            sessionId = session.sessionId();
        }
        if (event instanceof AgentEvent.Error error && error.fatal()) {
            fatalErrorSeen = true;
        }
        pending.add(event);
    }

    /** A line cut to a length that suits a log entry. */
    protected static String shortened(String line) {
        return line.length() <= 500 ? line : line.substring(0, 500) + "…";
    }

    private List<AgentEvent> drain() {
        List<AgentEvent> events = List.copyOf(pending);
        pending.clear();
        return events;
    }
}
