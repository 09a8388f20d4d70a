package dev.baton.api;

import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.Routes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With accounts on, no endpoint answers without credentials: every route the server maps (REST and SSE, read from
 * Spring's own list of them, so a new endpoint is covered the day it is added), the attempt log's WebSocket, the
 * actuator but its health, and the OpenAPI document. Only the sign-in, the health check and the web UI's files
 * answer anonymously.
 */
class EveryEndpointNeedsCredentialsTest extends AuthIntegrationTest {

    /**
     * The sign-in, the sign-in page's list of identity providers, and Spring's error page (what a failed request is
     * forwarded to, never a route of its own).
     */
    private static final Set<String> ANONYMOUS = Set.of("POST /api/v1/auth/sessions", "GET /api/v1/auth/providers",
            "GET /error");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping routes;

    @Test
    void everyMappedRouteAnswers401WithTheEnvelope() {
        List<String> checked = new ArrayList<>();
        for (Routes.Route route : Routes.of(routes)) {
            if (ANONYMOUS.contains(route.toString())) {
                continue;
            }
            Api.Response answer = anonymous().send(route.method(), route.path(name -> UUID.randomUUID().toString()),
                    "{}");
            assertThat(answer.status()).as(route.toString()).isEqualTo(401);
            assertThat(answer.json().get("error").get("code").asText()).as(route.toString()).isEqualTo("UNAUTHORIZED");
            checked.add(route.toString());
        }
        assertThat(checked).as("the routes checked").hasSizeGreaterThan(60)
                .contains("GET /api/v1/projects/{projectId}/stream", "GET /api/v1/timeline/stream",
                        "POST /api/v1/tasks/{taskId}/attempts", "GET /v3/api-docs");
    }

    @Test
    void aBadTokenIsRefusedEvenWhereAnonymousCallsAreAllowed() {
        Api forged = anonymous().header("Authorization", "Bearer baton_forged");
        forged.get("/api/v1/projects").expectError(401, "UNAUTHORIZED");
        forged.post("/api/v1/auth/sessions", "{}").expectError(401, "UNAUTHORIZED");
        anonymous().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/projects")
                .expectError(401, "UNAUTHORIZED");
    }

    @Test
    void theSignInPageListsNoProviderWhenNoneIsConfigured() {
        assertThat(anonymous().get("/api/v1/auth/providers").expect(200).data().get("items")).isEmpty();
    }

    @Test
    void theActuatorAnswersOnlyItsHealth() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        anonymous().get("/actuator/prometheus").expectError(401, "UNAUTHORIZED");
        anonymous().get("/actuator").expectError(401, "UNAUTHORIZED");
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void theWebUiLoadsSoThatItCanShowTheSignIn() {
        Api.Response page = anonymous().send("GET", "/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<div id=\"root\">");
    }

    @Test
    void theAttemptLogWebSocketRefusesAHandshakeWithoutCredentials() {
        URI socket = URI.create("ws://127.0.0.1:" + port + "/ws/attempts/" + UUID.randomUUID());
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(socket, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
    }
}
