package dev.baton.runner.moxxy;

import java.util.Optional;

/**
 * Where the runner finds a user's connected moxxy instance. The server keeps each user's connection (its token
 * sealed) and implements this; the token is opened for each call and held in memory only.
 */
public interface MoxxyAccess {

    /**
     * The instance connected by the user named {@code username} (who started the attempt or job; with accounts off,
     * the server's one connection); empty when none is connected. Throws
     * {@link dev.baton.core.common.DomainException} ({@code INVALID_STATE}) when its sealed token can no longer be
     * opened.
     */
    Optional<MoxxyInstance> instanceOf(String username);
}
