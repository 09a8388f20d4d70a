package dev.baton.runner.attempt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.attempt.TokenUsage;
import dev.baton.runner.agent.AgentEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the agent's events say about how its run ended: its last words (the final result, else its last complete
 * message, for the summary), what it used (usage events are per turn, or running totals of the session when marked
 * cumulative) and whether it failed. The last words and the usage are kept in the attempt's folder, so that an
 * attempt resumed after a restart still has them.
 */
final class AgentOutcome {

    /** What is kept in the attempt's folder once the agent has ended. */
    record Kept(String finalText, TokenUsage usage) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "agent-outcome.json";
    private String lastMessage;
    private String resultText;
    private String lastError;
    private AgentEvent.Done done;
    private long inputTokens;
    private long outputTokens;
    private double costUsd;
    private boolean usageSeen;

    void note(AgentEvent event) {
        if (event instanceof AgentEvent.Message message && message.role() == AgentEvent.Role.ASSISTANT
                && !Boolean.TRUE.equals(message.delta()) && message.text() != null) {
            lastMessage = message.text();
        } else if (event instanceof AgentEvent.Error error) {
            lastError = error.message();
        } else if (event instanceof AgentEvent.Usage usage) {
            add(usage);
        } else if (event instanceof AgentEvent.Done finished) {
            done = finished;
            if (finished.resultText() != null) {
                resultText = finished.resultText();
            }
        }
    }

    private void add(AgentEvent.Usage usage) {
        double cost = usage.costUsd() == null ? 0 : usage.costUsd();
        if (usage.cumulative()) {
            inputTokens = usage.inputTokens();
            outputTokens = usage.outputTokens();
            costUsd = cost;
        } else {
            inputTokens += usage.inputTokens();
            outputTokens += usage.outputTokens();
            costUsd += cost;
        }
        usageSeen = true;
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
        Kept kept = new Kept(resultText != null ? resultText : lastMessage,
                usageSeen ? new TokenUsage(inputTokens, outputTokens, costUsd) : null);
        try {
            JSON.writeValue(attemptFolder.resolve(FILE).toFile(), kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep how the agent's run ended", e);
        }
    }

    static Kept read(Path attemptFolder) {
        Path file = attemptFolder.resolve(FILE);
        try {
            return Files.exists(file) ? JSON.readValue(file.toFile(), Kept.class) : new Kept(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read how the agent's run ended", e);
        }
    }
}
