package dev.baton.api.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code baton.auth.providers.allow}: which identities of a provider that never signed in here may get an account at
 * their first sign-in. A comma-separated list of rules: {@code *} anyone the provider lets through; {@code ada} the
 * provider's username ada (case-insensitive); {@code @example.com} an e-mail of that domain the provider says is
 * verified. A rule may be for one provider only: {@code github:ada}, {@code corp:@example.com}. Empty (the default):
 * no one. Identities that signed in before are not asked again.
 */
@Component
class SignUpAllowList {

    static final String PROPERTY = "baton.auth.providers.allow";
    /** An optional provider prefix, then {@code *}, {@code @domain} or a username (no blank, comma or colon). */
    private static final Pattern RULE = Pattern.compile(
            "(?:([A-Za-z0-9._-]+):)?(\\*|@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+|[^\\s,:*@][^\\s,:*]*)");

    /** One rule: {@code registrationId} null for every provider; {@code who} lowercased. */
    private record Rule(String registrationId, String who) {

        boolean admits(ProviderIdentity identity) {
            if (registrationId != null && !registrationId.equalsIgnoreCase(identity.registrationId())) {
                return false;
            }
            if (who.equals("*")) {
                return true;
            }
            if (who.startsWith("@")) {
                return identity.verifiedEmail() != null
                        && identity.verifiedEmail().toLowerCase(Locale.ROOT).endsWith(who);
            }
            return who.equalsIgnoreCase(identity.username());
        }

        @Override
        public String toString() {
            return registrationId == null ? who : registrationId + ":" + who;
        }
    }

    private final List<Rule> rules;

    SignUpAllowList(@Value("${" + PROPERTY + ":}") String allow) {
        this.rules = Arrays.stream(allow.split(",")).map(String::strip).filter(rule -> !rule.isEmpty())
                .map(SignUpAllowList::rule).toList();
    }

    boolean admits(ProviderIdentity identity) {
        return rules.stream().anyMatch(rule -> rule.admits(identity));
    }

    /** For the startup log. */
    @Override
    public String toString() {
        return rules.isEmpty() ? "no one (" + PROPERTY + " is empty)"
                : rules.stream().map(Rule::toString).collect(Collectors.joining(", "));
    }

    private static Rule rule(String text) {
        Matcher rule = RULE.matcher(text);
        if (!rule.matches()) {
            throw new IllegalArgumentException(PROPERTY + ": '" + text + "' is not a rule: *, a username or"
                    + " @domain, each optionally after <provider id>:");
        }
        return new Rule(rule.group(1), rule.group(2).toLowerCase(Locale.ROOT));
    }
}
