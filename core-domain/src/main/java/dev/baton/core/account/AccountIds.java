package dev.baton.core.account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A user's id is derived from their username, so that two registrations of one name target the same aggregate and
 * the second is refused by the event store: usernames are unique without a lookup.
 */
public final class AccountIds {

    private AccountIds() {
    }

    public static String ofUsername(String username) {
        return UUID.nameUUIDFromBytes(("baton-user:" + username.strip().toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
