package dev.baton.api.auth;

import dev.baton.core.common.ErrorCode;
import dev.baton.core.common.DomainException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key: each key may spend {@code burst} at once, refilled at {@code perSecond}. Buckets that have
 * refilled completely are forgotten now and then, so the map holds only the keys in use.
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private long lastSweep;

    RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** Spends one token of {@code key}: empty when allowed, else how long until the next token. */
    Optional<Duration> take(String key) {
        long now = nanoTime.getAsLong();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) ((1 - bucket.tokens) / perSecond * 1e9)));
        }
    }

    /**
     * Spends one token of {@code key}, or refuses with {@code RATE_LIMITED} saying "too many {@code what}" and when to
     * retry.
     */
    void require(String key, String what) {
        take(key).ifPresent(wait -> {
            throw new DomainException(ErrorCode.RATE_LIMITED, "too many " + what + ": retry in "
                    + Math.max(1, wait.toSeconds()) + " s");
        });
    }

    /** Gives a key its tokens back at once (a sign-in that succeeded forgets the failures before it). */
    void forget(String key) {
        buckets.remove(key);
    }

    private void sweep(long now) {
        if (now - lastSweep < Duration.ofMinutes(1).toNanos()) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= burst;
            }
        });
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now) {
            tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
            at = now;
        }
    }
}
