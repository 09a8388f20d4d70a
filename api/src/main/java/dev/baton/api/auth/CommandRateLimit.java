package dev.baton.api.auth;

import dev.baton.core.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits the changes (every request but a read) one credential makes: {@code baton.auth.commands-per-second}, with
 * bursts up to {@code baton.auth.command-burst}. Beyond it the answer is {@code 429 RATE_LIMITED} with Retry-After,
 * and nothing is done. A runaway script slows down instead of flooding the event store.
 */
class CommandRateLimit extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final AuthErrors errors;

    CommandRateLimit(AuthSettings settings, AuthErrors errors) {
        this.limiter = new RateLimiter(settings.commandsPerSecond(), settings.commandBurst(), System::nanoTime);
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = CurrentCaller.onlyReads(request) ? Optional.empty()
                : CurrentCaller.of(request).flatMap(caller -> limiter.take(caller.credentialId()));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            response.setHeader("Retry-After", String.valueOf(seconds));
            errors.write(response, ErrorCode.RATE_LIMITED, "too many changes with this credential: retry in "
                    + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
