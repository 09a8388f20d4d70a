package dev.baton.runner.workspace;

import java.util.regex.Pattern;

/**
 * Hides the user-info of every URL in a text ({@code https://user:token@host/…} becomes {@code https://***@host/…}):
 * remote URLs may carry access tokens, and they end up in git's own messages too.
 */
public final class Redaction {

    // Greedy up to the last '@' before the path, so a password with an unescaped '@' is hidden as a whole.
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s]*@");

    private Redaction() {
    }

    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
