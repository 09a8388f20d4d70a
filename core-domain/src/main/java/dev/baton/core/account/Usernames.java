package dev.baton.core.account;

import dev.baton.core.common.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A username: 1 to 40 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit. */
public final class Usernames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    private Usernames() {
    }

    public static String checked(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(name).matches()) {
            throw DomainException.invalidField("username", "username must be 1 to 40 letters, digits, '.', '-' or '_',"
                    + " starting with a letter or digit");
        }
        return name;
    }
}
