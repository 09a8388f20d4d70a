package dev.baton.runner.attempt;

import dev.baton.runner.agent.AgentEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the agent's events say about how its run ended: its last words (the final result, else its last complete
 * message, for the summary) and whether it failed. The last words are kept in the attempt's folder, so that an
 * attempt resumed after a restart still has them.
 */
final class AgentOutcome {

    private static final String FILE = "agent-result.txt";
    private String lastMessage;
    private String resultText;
    private String lastError;
    private AgentEvent.Done done;

    void note(AgentEvent event) {
        if (event instanceof AgentEvent.Message message && message.role() == AgentEvent.Role.ASSISTANT
                && !Boolean.TRUE.equals(message.delta()) && message.text() != null) {
            lastMessage = message.text();
        } else if (event instanceof AgentEvent.Error error) {
            lastError = error.message();
        } else if (event instanceof AgentEvent.Done finished) {
            done = finished;
            if (finished.resultText() != null) {
                resultText = finished.resultText();
            }
        }
    }

    /** Why the run counts as failed, or empty when it succeeded. */
    Optional<String> failure() {
        if (done == null || done.status() == AgentEvent.DoneStatus.SUCCESS) {
            return Optional.empty();
        }
        String exit = done.exitCode() == null ? "" : " (exit code " + done.exitCode() + ")";
        return Optional.of("the agent " + (done.status() == AgentEvent.DoneStatus.CANCELLED ? "was cancelled" : "failed")
                + exit + (lastError == null ? "" : ": " + lastError));
    }

    void save(Path attemptFolder) {
        String text = resultText != null ? resultText : lastMessage;
        if (text == null) {
            return;
        }
        try {
            Files.writeString(attemptFolder.resolve(FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the agent's final message", e);
        }
    }

    static String finalText(Path attemptFolder) {
        Path file = attemptFolder.resolve(FILE);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's final message", e);
        }
    }
}
