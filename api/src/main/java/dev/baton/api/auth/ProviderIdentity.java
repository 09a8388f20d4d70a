package dev.baton.api.auth;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Someone who signed in with a provider, as the provider says: the provider's registration id on this server, the
 * subject (the ID token's {@code sub}, GitHub's numeric user id), the username ({@code preferred_username}, GitHub's
 * {@code login}; null when the provider gives none) and the e-mail only when the provider says it is verified
 * ({@code email_verified} true, as OIDC providers do; GitHub's user says nothing of the kind, so none).
 */
record ProviderIdentity(String registrationId, String subject, String username, String verifiedEmail) {

    static ProviderIdentity of(String registrationId, OAuth2User person) {
        String subject = person instanceof OidcUser oidc ? oidc.getSubject() : person.getName();
        String username = text(person, "preferred_username");
        if (username == null) {
            username = text(person, "login");
        }
        // some providers send the flag as a string
        boolean verified = Boolean.TRUE.equals(person.getAttribute("email_verified"))
                || "true".equals(person.getAttribute("email_verified"));
        return new ProviderIdentity(registrationId, subject, username, verified ? text(person, "email") : null);
    }

    /** For the log: the provider's username and verified e-mail, control characters made '?' (no forged lines). */
    String describe() {
        return ("username " + username + ", verified e-mail " + verifiedEmail).replaceAll("\\p{Cntrl}", "?");
    }

    private static String text(OAuth2User person, String attribute) {
        return person.getAttribute(attribute) instanceof String value && !value.isBlank() ? value.strip() : null;
    }
}
