package dev.baton.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Refuses request bodies over {@code baton.max-request-bytes} (1 MiB) with 413 before anything reads them. */
@Component
@Order(1)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(@Value("${baton.max-request-bytes:1048576}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"ok\":false,\"error\":{\"code\":\"VALIDATION_FAILED\",\"message\":\""
                    + (chunked ? "send the body with a Content-Length" : "the request body is larger than " + maxBytes
                    + " bytes") + "\"}}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.of(request).requestId());
        chain.doFilter(request, response);
    }
}
