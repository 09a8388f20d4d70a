package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates an account. The password arrives already hashed (Argon2id, by the API): its plain text is never in a
 * message. {@code userId} must be {@link AccountIds#ofUsername the id of the username}.
 */
public record RegisterUserCommand(@TargetAggregateIdentifier String userId, String username, String displayName,
                                  String passwordHash, boolean admin) {
}
