package dev.baton.runner.attempt;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A gate's result: exit code, duration and the artifact holding its output ({@code gate-<name>}). Kept in the
 * gate's folder too, so that the summary of an attempt resumed after a restart still lists it.
 */
record GateOutcome(String gate, int exitCode, long durationMs, String outputRef) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "result.json";

    boolean passed() {
        return exitCode == 0;
    }

    void save(Path folder) {
        try {
            JSON.writeValue(folder.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the " + gate + " gate's result", e);
        }
    }

    static GateOutcome read(Path folder) {
        try {
            return JSON.readValue(folder.resolve(FILE).toFile(), GateOutcome.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gate result in " + folder, e);
        }
    }
}
