package dev.baton.api.auth;

import dev.baton.api.web.Envelope;
import dev.baton.query.support.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The identity providers one can sign in with, for the sign-in page: public, like the sign-in. None with accounts off
 * (there is nothing to sign in to) or none configured.
 */
@RestController
@RequestMapping("/api/v1/auth")
class ProviderController {

    /** {@code signInUrl} starts the sign-in: the browser goes there, not a script. */
    record Provider(String id, String name, String signInUrl) {
    }

    private final AuthSettings settings;
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    ProviderController(AuthSettings settings, ObjectProvider<ClientRegistrationRepository> registrations) {
        this.settings = settings;
        this.registrations = registrations;
    }

    @GetMapping("/providers")
    Envelope providers() {
        List<Provider> providers = new ArrayList<>();
        if (settings.enabled() && registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.add(new Provider(client.getRegistrationId(), client.getClientName(),
                        ProviderSignIn.AUTHORIZATION_PATH + "/" + client.getRegistrationId()));
            }
        }
        providers.sort(Comparator.comparing(Provider::id));
        return Envelope.ok(new Page<>(providers, null));
    }
}
