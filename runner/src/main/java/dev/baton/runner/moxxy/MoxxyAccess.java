package dev.baton.runner.moxxy;

import java.util.Optional;

/**
 * Where the runner finds the owner's connected moxxy instance. The server keeps the connection (its token sealed) and
 * implements this; the token is opened for each call and held in memory only.
 */
public interface MoxxyAccess {

    /**
     * The connected instance; empty when none is connected. Throws {@link dev.baton.core.common.DomainException}
     * ({@code INVALID_STATE}) when its sealed token can no longer be opened.
     */
    Optional<MoxxyInstance> instance();
}
