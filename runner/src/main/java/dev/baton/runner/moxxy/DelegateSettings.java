package dev.baton.runner.moxxy;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link MoxxyDelegate} is told through its environment: the instance, how it authenticates, the agent that
 * takes the task, how often to poll and how long moxxy may be out of reach before the delegate gives up.
 * {@code toString} hides the token, like {@link MoxxyCredentials}.
 */
record DelegateSettings(URI baseUrl, MoxxyCredentials credentials, String agent, Duration poll, Duration giveUp) {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration GIVE_UP = Duration.ofMinutes(5);

    /** Reads the settings; a missing or bad variable is an {@link IllegalArgumentException} naming it. */
    static DelegateSettings from(Map<String, String> env) {
        String url = required(env, MoxxyDelegate.URL);
        URI baseUrl;
        try {
            baseUrl = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MoxxyDelegate.URL + " is not a URL");
        }
        String kind = env.getOrDefault(MoxxyDelegate.TOKEN_KIND, "none").strip().toLowerCase(Locale.ROOT);
        String token = env.get(MoxxyDelegate.TOKEN);
        MoxxyCredentials credentials = switch (kind) {
            case "none" -> MoxxyCredentials.none();
            case "internal", "bearer" -> {
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException(MoxxyDelegate.TOKEN + " is required with token kind " + kind);
                }
                yield kind.equals("internal") ? MoxxyCredentials.internal(token) : MoxxyCredentials.bearer(token);
            }
            default -> throw new IllegalArgumentException(MoxxyDelegate.TOKEN_KIND
                    + " must be none, internal or bearer");
        };
        return new DelegateSettings(baseUrl, credentials, required(env, MoxxyDelegate.AGENT),
                millis(env, MoxxyDelegate.POLL_MS, POLL), seconds(env, MoxxyDelegate.GIVE_UP_SECONDS, GIVE_UP));
    }

    MoxxyClient client() {
        return new MoxxyClient(baseUrl, credentials);
    }

    /** A client for the cancel on the way out, which must fit in the runner's stop grace. */
    MoxxyClient quickClient() {
        return new MoxxyClient(baseUrl, credentials, Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value.strip();
    }

    private static Duration millis(Map<String, String> env, String name, Duration otherwise) {
        return env.containsKey(name) ? Duration.ofMillis(positive(env, name)) : otherwise;
    }

    private static Duration seconds(Map<String, String> env, String name, Duration otherwise) {
        return env.containsKey(name) ? Duration.ofSeconds(positive(env, name)) : otherwise;
    }

    private static long positive(Map<String, String> env, String name) {
        try {
            long value = Long.parseLong(env.get(name).strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a positive number");
    }
}
