package dev.baton.api.auth;

import dev.baton.core.common.DomainException;
import dev.baton.query.access.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-in with GitHub or an OIDC provider, through Spring Security's OAuth2 login: {@code /oauth2/authorization/{id}}
 * sends the browser to the provider (with state, PKCE and, for OIDC, a nonce, kept in {@link
 * AuthorizationRequestCookie}); Spring checks the callback {@code /login/oauth2/code/{id}} (the state, the code
 * exchanged with the PKCE verifier and the client secret, the ID token's signature, issuer, audience, expiry and
 * nonce) and hands the person over here. Their account ({@link ExternalAccounts}) gets a session exactly as a
 * password sign-in does ({@link Sessions}), and the browser goes to the web UI; any failure sends it to the web UI
 * with {@code ?sign_in_error=<code>} instead, never to an error page.
 */
@Component
class ProviderSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String AUTHORIZATION_PATH = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI;
    static final String ERROR_PARAMETER = "sign_in_error";
    /** The error code of a first sign-in that the allow-list does not admit. */
    static final String NOT_ALLOWED = "not_allowed";
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,40}");
    private static final Logger log = LoggerFactory.getLogger(ProviderSignIn.class);
    /** Baton needs nothing of the provider after the sign-in: its access token is dropped, not kept in memory. */
    private static final OAuth2AuthorizedClientRepository NOTHING_KEPT = new OAuth2AuthorizedClientRepository() {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
                                                                         Authentication principal,
                                                                         HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                         HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String registrationId, Authentication principal,
                                           HttpServletRequest request, HttpServletResponse response) {
        }
    };
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final AuthorizationRequestCookie requests;
    private final ExternalAccounts accounts;
    private final Sessions sessions;
    private final SignUpAllowList allowList;

    ProviderSignIn(ObjectProvider<ClientRegistrationRepository> registrations, AuthorizationRequestCookie requests,
                   ExternalAccounts accounts, Sessions sessions, SignUpAllowList allowList) {
        this.registrations = registrations;
        this.requests = requests;
        this.accounts = accounts;
        this.sessions = sessions;
        this.allowList = allowList;
    }

    /**
     * Turns the sign-in with providers on, when Spring Boot registered some
     * ({@code spring.security.oauth2.client.registration.*}): called with accounts on only.
     */
    void configure(HttpSecurity http) throws Exception {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository == null) {
            return;
        }
        log.info("sign-in with providers on; new accounts through them for: {}", allowList);
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(repository, AUTHORIZATION_PATH);
        // PKCE for confidential clients too (Spring adds it for public clients only)
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(login -> login
                .loginPage("/") // the web UI's sign-in, not Spring's generated page
                .clientRegistrationRepository(repository)
                .authorizedClientRepository(NOTHING_KEPT)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver)
                        .authorizationRequestRepository(requests))
                .successHandler(this)
                .failureHandler(this)
                // an unknown provider id: the same redirect to the UI, not Spring's 500
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(ProviderSignIn.this);
                        return filter;
                    }
                }));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        String registrationId = token.getAuthorizedClientRegistrationId();
        String code = null;
        try {
            Optional<UserView> user = accounts.accountOf(registrationId, token.getPrincipal());
            if (user.isPresent()) {
                String method = (token.getPrincipal() instanceof OidcUser ? "oidc:" : "oauth2:") + registrationId;
                sessions.open(user.get().userId(), user.get().username(), method, request, response);
            } else {
                code = NOT_ALLOWED;
            }
        } catch (DomainException e) {
            log.warn("sign-in with {} refused: {}", registrationId, e.getMessage());
            code = e.code().name().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            log.error("sign-in with {} failed", registrationId, e);
            code = "server_error";
        }
        redirect(request, response, code);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        String code = e instanceof OAuth2AuthenticationException refused ? refused.getError().getErrorCode() : null;
        code = code != null && CODE.matcher(code).matches() ? code : "failed";
        // the code only: a message may quote the provider's answer
        log.info("sign-in with a provider refused ({}) from {}", code, request.getRemoteAddr());
        redirect(request, response, code);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String errorCode)
            throws IOException {
        response.sendRedirect(request.getContextPath() + "/" + (errorCode == null ? "" : "?" + ERROR_PARAMETER + "="
                + errorCode));
    }
}
