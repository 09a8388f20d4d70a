package dev.baton.api.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code baton.auth.*}: whether accounts are on, the first admin's password, how long a browser session lasts, and
 * how many changes one credential may make (per second, and at once).
 */
@Component
public class AuthSettings {

    private final boolean enabled;
    private final String adminPassword;
    private final Duration sessionLifetime;
    private final double commandsPerSecond;
    private final int commandBurst;

    AuthSettings(@Value("${baton.auth.enabled:false}") boolean enabled,
                 @Value("${baton.auth.admin-password:}") String adminPassword,
                 @Value("${baton.auth.session-lifetime:24h}") Duration sessionLifetime,
                 @Value("${baton.auth.commands-per-second:20}") double commandsPerSecond,
                 @Value("${baton.auth.command-burst:100}") int commandBurst) {
        this.enabled = enabled;
        this.adminPassword = adminPassword;
        this.sessionLifetime = sessionLifetime;
        this.commandsPerSecond = commandsPerSecond;
        this.commandBurst = commandBurst;
    }

    public boolean enabled() {
        return enabled;
    }

    String adminPassword() {
        return adminPassword;
    }

    Duration sessionLifetime() {
        return sessionLifetime;
    }

    double commandsPerSecond() {
        return commandsPerSecond;
    }

    int commandBurst() {
        return commandBurst;
    }
}
