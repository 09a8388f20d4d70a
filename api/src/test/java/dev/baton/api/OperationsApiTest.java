package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsApiTest extends ApiTestBase {

    @Test
    void healthIsUp() {
        Api.Response health = api.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesJvmMetricsAsText() {
        Api.Response metrics = api.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.text()).contains("jvm_memory_used_bytes").containsPattern("(?m)^jvm_\\w+");
        assertThat(metrics.text()).contains("http_server_requests");
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        Api.Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode document = docs.json();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("paths").has("/api/v1/projects")).isTrue();
        assertThat(document.get("paths").has("/api/v1/projects/{projectId}/board")).isTrue();
        assertThat(document.get("paths").has("/api/v1/timeline")).isTrue();
    }

    @Test
    void theSwaggerUiIsServed() {
        Api.Response swagger = api.get("/swagger-ui.html");

        assertThat(swagger.status()).isIn(200, 301, 302);
        if (swagger.status() != 200) {
            String location = swagger.raw().headers().firstValue("Location").orElseThrow();
            assertThat(location).contains("swagger-ui");
            Api.Response page = api.get(location.replaceFirst("^https?://[^/]+", ""));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).containsIgnoringCase("swagger");
        }
    }

    @Test
    void theRootServesTheWebUi() {
        Api.Response index = api.get("/");

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.text()).containsIgnoringCase("<!doctype html>").contains("<script");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        Api.Response answer = api.get("/api/v1/projects?limit=1");

        assertThat(answer.raw().headers().firstValue("X-Request-Id")).isPresent();
        Api.Response echoed = new Api(base()).header("X-Request-Id", "ops-check-1").get("/api/v1/projects?limit=1");
        assertThat(echoed.raw().headers().firstValue("X-Request-Id")).contains("ops-check-1");
        assertThat(Json.texts(echoed.data().get("items"), "project_id")).hasSizeLessThanOrEqualTo(1);
    }
}
