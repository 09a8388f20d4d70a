package dev.baton.api.auth;

import dev.baton.core.common.DomainException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing with Argon2id (Spring Security's defaults: 16 MiB of memory, two passes, a random salt per
 * hash). A sign-in for an unknown user still checks a password against a hash, so that the time taken does not
 * tell whether the user exists.
 */
@Component
public class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String unknownUserHash = encoder.encode(Secrets.random());

    /** The hash of a new password, once it is long enough (and not so long that hashing it is a burden). */
    String hash(String password) {
        return hash("password", password);
    }

    /** As {@link #hash(String)}, a refusal naming {@code field}. */
    String hash(String field, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw DomainException.invalidField(field, field + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long");
        }
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash == null ? unknownUserHash : hash);
    }
}
