package dev.baton.api.moxxy;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.SealedSecret;
import dev.baton.core.moxxy.ConnectMoxxyCommand;
import dev.baton.core.moxxy.DisconnectMoxxyCommand;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.core.moxxy.MoxxyEndpoint;
import dev.baton.core.moxxy.RecordMoxxyVerificationCommand;
import dev.baton.query.moxxy.MoxxyConnectionReadModel;
import dev.baton.query.moxxy.MoxxyConnectionView;
import dev.baton.runner.moxxy.MoxxyClient;
import dev.baton.runner.secret.SecretException;
import dev.baton.runner.secret.SecretVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The moxxy connection: stored only once the instance answered {@code GET /api/agents} with the token given (else
 * {@code UPSTREAM_ERROR} saying why, and nothing is stored); the token is sealed at once and never answered.
 */
@RestController
@RequestMapping("/api/v1/moxxy/connection")
class MoxxyConnectionController {

    record ConnectionBody(String baseUrl, String token, String tokenKind) {
    }

    private static final Logger log = LoggerFactory.getLogger(MoxxyConnectionController.class);
    private final CommandSender commands;
    private final MoxxyConnectionReadModel connections;
    private final ReadYourWrites readYourWrites;
    private final SecretVault vault;
    private final ConnectedMoxxy moxxy;

    MoxxyConnectionController(CommandSender commands, MoxxyConnectionReadModel connections,
                              ReadYourWrites readYourWrites, SecretVault vault, ConnectedMoxxy moxxy) {
        this.commands = commands;
        this.connections = connections;
        this.readYourWrites = readYourWrites;
        this.vault = vault;
        this.moxxy = moxxy;
    }

    @PutMapping
    Envelope connect(@RequestBody ConnectionBody body) {
        String token = body.token() == null || body.token().isEmpty() ? null : body.token();
        MoxxyEndpoint endpoint = MoxxyEndpoint.checked(body.baseUrl(), body.tokenKind(), token != null);
        Instant verifiedAt = verify(endpoint, token);
        SealedSecret sealed = token == null ? null : vault.seal(token);
        long version;
        try {
            String owner = moxxy.ownerOf(moxxy.caller());
            version = commands.send(new ConnectMoxxyCommand(MoxxyConnectionIds.ofOwner(owner), owner, endpoint,
                    sealed, verifiedAt));
        } catch (RuntimeException refused) {
            if (sealed != null) {
                vault.destroy(sealed.keyId()); // nothing is stored: not even a key for a token no event holds
            }
            throw refused;
        }
        log.info("moxxy connection to {} verified and stored ({})", endpoint.baseUrl(),
                token == null ? "no token" : endpoint.tokenKind() + " token, sealed");
        return Envelope.ok(answer(endpoint.baseUrl(), endpoint.tokenKind(), verifiedAt, "connected", null, version));
    }

    @GetMapping
    Envelope get(@RequestParam(name = "min_version", required = false) Long minVersion) {
        String connectionId = moxxy.connectionOf(moxxy.caller());
        MoxxyConnectionView connection = readYourWrites.read(minVersion, () -> connections.connection(connectionId),
                MoxxyConnectionView::version).orElseThrow(() -> notConnected(connectionId));
        return Envelope.ok(answer(connection.baseUrl(), connection.tokenKind(), connection.verifiedAt(),
                connection.status(), connection.problem(), connection.version()));
    }

    /** Checks the stored connection again and records the outcome; answers it. */
    @PostMapping("/verify")
    Envelope verifyAgain() {
        String connectionId = moxxy.connectionOf(moxxy.caller());
        MoxxyConnectionView connection = connections.connection(connectionId)
                .orElseThrow(() -> notConnected(connectionId));
        MoxxyEndpoint endpoint = new MoxxyEndpoint(connection.baseUrl(), connection.tokenKind());
        Instant at = Instant.now();
        String problem = null;
        try {
            String token = connections.token(connectionId).map(vault::open).orElse(null);
            verify(endpoint, token);
        } catch (DomainException failed) {
            problem = failed.getMessage();
        } catch (SecretException unreadable) {
            problem = unreadable.getMessage() + ": connect again with the token";
        }
        long version = commands.send(new RecordMoxxyVerificationCommand(connectionId, at, problem));
        return Envelope.ok(answer(connection.baseUrl(), connection.tokenKind(),
                problem == null ? at : connection.verifiedAt(), problem == null ? "connected" : "failing", problem,
                version));
    }

    @DeleteMapping
    Envelope disconnect() {
        long version = commands.send(new DisconnectMoxxyCommand(moxxy.connectionOf(moxxy.caller())));
        log.info("moxxy connection removed; its token's key is destroyed");
        return Envelope.ok(Map.of("status", "disconnected", "version", version));
    }

    private static DomainException notConnected(String connectionId) {
        return ApiException.notFound("moxxy connection", connectionId);
    }

    /** {@code GET /api/agents} on the instance; a failure is {@code UPSTREAM_ERROR} saying why (never the token). */
    private static Instant verify(MoxxyEndpoint endpoint, String token) {
        ConnectedMoxxy.call(endpoint, token, MoxxyClient::verify);
        return Instant.now();
    }

    private static Map<String, Object> answer(String baseUrl, String tokenKind, Instant verifiedAt, String status,
                                              String problem, long version) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("base_url", baseUrl);
        answer.put("token_kind", tokenKind);
        answer.put("verified_at", verifiedAt);
        answer.put("status", status);
        answer.put("problem", problem);
        answer.put("version", version);
        return answer;
    }
}
