package dev.baton.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.query.access.AccessDirectory;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. With accounts off (loopback only, see {@link BindGuard}) everything is open, as before. With
 * accounts on, every path under {@code /api/} and {@code /ws/} (the attempt log's WebSocket), the actuator (but
 * its health) and the OpenAPI document need a
 * credential, except the sign-in itself and the list of identity providers; the web UI's files stay public (the UI
 * signs in through the API), and so do the sign-in with a provider's redirects ({@link ProviderSignIn}).
 * Administration ({@code /admin/**}) is for administrators. Spring's own CSRF protection, sessions, form and basic
 * login are off: {@link CredentialFilter} handles credentials and the CSRF header, and the session is a cookie of
 * Baton's.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthSettings settings, AccessDirectory directory,
                                            ObjectMapper json, ProviderSignIn providerSignIn) throws Exception {
        AuthErrors errors = new AuthErrors(json);
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        if (!settings.enabled()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        providerSignIn.configure(http);
        return http.addFilterBefore(new CredentialFilter(directory, errors), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new CommandRateLimit(settings, errors), CredentialFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/sessions").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/auth/providers").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**", "/ws/**", "/actuator/**", "/v3/**", "/swagger-ui/**",
                                "/swagger-ui.html").authenticated()
                        .anyRequest().permitAll())
                .build();
    }
}
