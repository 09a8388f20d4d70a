package dev.baton.api.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses to start a server that would listen beyond this machine without accounts: anyone who can reach it could
 * run code through the agents. Loopback ({@code server.address=127.0.0.1}, the default) may run without.
 */
@Component
class BindGuard {

    BindGuard(AuthSettings settings, @Value("${server.address:}") String address) {
        if (!settings.enabled() && !loopback(address)) {
            throw new UnsafeBindException(address);
        }
    }

    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false; // no address: every interface
        }
        try {
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Thrown at start-up; {@link UnsafeBindFailureAnalyzer} says what to do. */
    static final class UnsafeBindException extends IllegalStateException {

        final String address;

        UnsafeBindException(String address) {
            super("Baton refuses to listen on " + (address == null || address.isBlank() ? "every interface" : address)
                    + " without accounts");
            this.address = address;
        }
    }
}
