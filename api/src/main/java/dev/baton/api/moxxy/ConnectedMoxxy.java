package dev.baton.api.moxxy;

import dev.baton.api.auth.AuthSettings;
import dev.baton.api.web.RequestContext;
import dev.baton.core.account.AccountIds;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.core.moxxy.MoxxyEndpoint;
import dev.baton.query.moxxy.MoxxyConnectionReadModel;
import dev.baton.runner.moxxy.MoxxyAccess;
import dev.baton.runner.moxxy.MoxxyClient;
import dev.baton.runner.moxxy.MoxxyCredentials;
import dev.baton.runner.moxxy.MoxxyException;
import dev.baton.runner.moxxy.MoxxyInstance;
import dev.baton.runner.secret.SecretException;
import dev.baton.runner.secret.SecretVault;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls a user's moxxy instance with their stored connection (its token opened only for the call) and turns what
 * moxxy refuses into the API's errors: {@code UPSTREAM_ERROR} with moxxy's message, {@code details.upstream_status}
 * and {@code details.reason}. Each user connects their own instance (its owner is their user id); with accounts off
 * the server has one connection, {@link MoxxyConnectionIds#LOCAL}'s.
 */
@Component
class ConnectedMoxxy implements MoxxyAccess {

    /** The detail that names the job moxxy created although it refused the start (its validation failed). */
    static final String MOXXY_JOB_ID = "moxxy_job_id";

    private final MoxxyConnectionReadModel connections;
    private final SecretVault vault;
    private final AuthSettings settings;
    private final HttpServletRequest request;

    ConnectedMoxxy(MoxxyConnectionReadModel connections, SecretVault vault, AuthSettings settings,
                   HttpServletRequest request) {
        this.connections = connections;
        this.vault = vault;
        this.settings = settings;
        this.request = request;
    }

    /** The user the current request acts for (in a request thread only). */
    String caller() {
        return RequestContext.of(request).user();
    }

    /** Whose connection {@code username} uses: their own with accounts on, else the server's one. */
    String ownerOf(String username) {
        return settings.enabled() && username != null ? AccountIds.ofUsername(username) : MoxxyConnectionIds.LOCAL;
    }

    String connectionOf(String username) {
        return MoxxyConnectionIds.ofOwner(ownerOf(username));
    }

    /** Runs {@code call} on the caller's instance; {@code INVALID_STATE} when they have no connection. */
    <T> T call(Function<MoxxyClient, T> call) {
        return callAs(caller(), call);
    }

    /** Runs {@code call} on the instance {@code username} connected (who started the job it is about). */
    <T> T callAs(String username, Function<MoxxyClient, T> call) {
        MoxxyInstance instance = instanceOf(username).orElseThrow(() ->
                DomainException.invalidState("no moxxy instance is connected: PUT /api/v1/moxxy/connection first"));
        return call(instance, call);
    }

    @Override
    public Optional<MoxxyInstance> instanceOf(String username) {
        String connectionId = connectionOf(username);
        return connections.connection(connectionId).map(connection -> {
            MoxxyEndpoint endpoint = new MoxxyEndpoint(connection.baseUrl(), connection.tokenKind());
            try {
                return instance(endpoint, connections.token(connectionId).map(vault::open).orElse(null));
            } catch (SecretException unreadable) {
                throw DomainException.invalidState(unreadable.getMessage() + ": connect again with the token");
            }
        });
    }

    /** Runs {@code call} on an instance with a token given now (to verify it before it is stored). */
    static <T> T call(MoxxyEndpoint endpoint, String token, Function<MoxxyClient, T> call) {
        return call(instance(endpoint, token), call);
    }

    private static <T> T call(MoxxyInstance instance, Function<MoxxyClient, T> call) {
        try {
            return call.apply(instance.client());
        } catch (MoxxyException e) {
            String baseUrl = instance.baseUrl().toString();
            String why = switch (e.kind()) {
                case UNREACHABLE -> "moxxy at " + baseUrl + " cannot be reached";
                case UNAUTHORIZED -> "moxxy at " + baseUrl + " refused the token (401)";
                case NOT_MOXXY -> baseUrl + " does not answer like moxxy";
                case UPSTREAM -> "moxxy at " + baseUrl + " refused";
            };
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("upstream_status", e.status());
            details.put("reason", e.kind().name().toLowerCase(Locale.ROOT));
            if (e.jobId() != null) {
                details.put(MOXXY_JOB_ID, e.jobId());
            }
            throw new DomainException(ErrorCode.UPSTREAM_ERROR, why + ": " + e.getMessage(), details);
        }
    }

    private static MoxxyInstance instance(MoxxyEndpoint endpoint, String token) {
        return new MoxxyInstance(URI.create(endpoint.baseUrl()), credentials(endpoint, token));
    }

    private static MoxxyCredentials credentials(MoxxyEndpoint endpoint, String token) {
        if (token == null) {
            return MoxxyCredentials.none();
        }
        return MoxxyEndpoint.BEARER.equals(endpoint.tokenKind()) ? MoxxyCredentials.bearer(token)
                : MoxxyCredentials.internal(token);
    }
}
