package dev.baton.runner.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code baton.runner.sandbox}: how agent runs are kept from the server's files and processes (see
 * {@link AgentSandbox}). {@code auto} takes the first mechanism that works and runs agents unsandboxed, with a
 * warning, when none does; {@code required} takes the first that works too but refuses to start without one;
 * {@code bwrap} and {@code unshare} insist on that mechanism; {@code off} runs agents as they are.
 */
public enum SandboxMode {
    AUTO, REQUIRED, BWRAP, UNSHARE, OFF;

    public static SandboxMode of(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baton.runner.sandbox must be one of " + Arrays.stream(values())
                    .map(mode -> mode.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", not '" + text + "'");
        }
    }
}
