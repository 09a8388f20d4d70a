package dev.baton.core.moxxy;

import dev.baton.core.common.SealedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Stores an owner's connection (the first time) or replaces its settings, once the instance answered
 * {@code GET /api/agents} at {@code verifiedAt}. The token arrives sealed (null when the instance needs none).
 */
public record ConnectMoxxyCommand(@TargetAggregateIdentifier String connectionId, String owner, MoxxyEndpoint endpoint,
                                  SealedSecret token, Instant verifiedAt) {
}
