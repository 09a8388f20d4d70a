package dev.baton.api.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** {@code baton.auth.*}: whether accounts are on, the first admin's password, how long a browser session lasts. */
@Component
public class AuthSettings {

    private final boolean enabled;
    private final String adminPassword;
    private final Duration sessionLifetime;

    AuthSettings(@Value("${baton.auth.enabled:false}") boolean enabled,
                 @Value("${baton.auth.admin-password:}") String adminPassword,
                 @Value("${baton.auth.session-lifetime:24h}") Duration sessionLifetime) {
        this.enabled = enabled;
        this.adminPassword = adminPassword;
        this.sessionLifetime = sessionLifetime;
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
}
