package dev.baton.runner.moxxy;

import java.net.URI;

/** A moxxy instance Baton calls: where it is and how Baton authenticates ({@code toString} hides the token). */
public record MoxxyInstance(URI baseUrl, MoxxyCredentials credentials) {

    public MoxxyClient client() {
        return new MoxxyClient(baseUrl, credentials);
    }
}
