package dev.baton.runner.attempt;

import dev.baton.runner.change.AttemptDiff;
import dev.baton.runner.change.FileDiff;

import java.util.List;

/** The attempt's summary for its reviewer: the agent's last words, the files it changed, and how the gates went. */
final class Summaries {

    private static final int MAX_AGENT_TEXT = 4_000;
    private static final int MAX_FILES = 50;

    private Summaries() {
    }

    static String of(String agentText, AttemptDiff diff, List<GateOutcome> gates) {
        StringBuilder summary = new StringBuilder();
        if (agentText != null && !agentText.isBlank()) {
            String text = agentText.strip();
            summary.append(text.length() > MAX_AGENT_TEXT ? text.substring(0, MAX_AGENT_TEXT) + "…" : text)
                    .append("\n\n");
        }
        List<FileDiff> files = diff.files();
        if (files.isEmpty()) {
            summary.append("No files changed.\n");
        } else {
            summary.append("Changed files (").append(files.size()).append(", +").append(diff.stat().additions())
                    .append(" −").append(diff.stat().deletions()).append("):\n");
            files.stream().limit(MAX_FILES).forEach(file -> summary.append("- ").append(file.change().json()).append(' ')
                    .append(file.path()).append(" (+").append(file.additions()).append(" −").append(file.deletions())
                    .append(")\n"));
            if (files.size() > MAX_FILES) {
                summary.append("- and ").append(files.size() - MAX_FILES).append(" more\n");
            }
        }
        if (gates.isEmpty()) {
            summary.append("\nNo gates are configured for this project.");
        } else {
            summary.append("\nGates: ");
            for (int i = 0; i < gates.size(); i++) {
                GateOutcome gate = gates.get(i);
                summary.append(i == 0 ? "" : ", ").append(gate.gate()).append(' ')
                        .append(gate.passed() ? "passed" : "failed (exit code " + gate.exitCode() + ")");
            }
        }
        return summary.toString().strip();
    }
}
