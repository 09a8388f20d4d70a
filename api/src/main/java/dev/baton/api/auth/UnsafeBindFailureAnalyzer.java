package dev.baton.api.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused bind into Spring Boot's start-up report: what is wrong, and the two ways out. */
class UnsafeBindFailureAnalyzer extends AbstractFailureAnalyzer<BindGuard.UnsafeBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindGuard.UnsafeBindException cause) {
        return new FailureAnalysis(cause.getMessage() + ": anyone who reaches the server could run code through its"
                + " agents.",
                "Turn accounts on (baton.auth.enabled=true, or BATON_AUTH_ENABLED=true) or listen on loopback only"
                        + " (server.address=127.0.0.1).", cause);
    }
}
