package dev.baton.api.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat refuses some requests before Spring sees them (a path with an encoded slash or a NUL, a malformed request
 * line) and answers them with its own HTML page. This valve answers them with the error envelope instead, so every
 * error a client gets has the same shape.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        String code = ErrorPage.codeOf(status).name();
        String message = status < 500 ? "the request is malformed (its path, headers or body cannot be read)"
                : "the server failed: see its log";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"ok\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response was taken over meanwhile: nothing more to say
        }
    }

    /** Puts the valve on Tomcat's host in place of its HTML one. */
    @Configuration
    static class Installer {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
                }
            });
        }
    }
}
