package dev.itsm.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** When to try a failed delivery again: capped exponential backoff with jitter, or later when the receiver says so. */
public final class Retries {
    private Retries() {
    }

    public record Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    }

    /**
     * The delay after the given attempt (1 = the first one failed): first × 2^(attempt-1), capped, then "equal
     * jitter" (half of it fixed, half random) so that many failed deliveries do not all come back at once.
     * A receiver's Retry-After is honoured when it asks for longer, up to {@code maxRetryAfter}.
     */
    public static Duration delay(Policy policy, int attempt, Optional<Duration> retryAfter, double random) {
        long first = policy.firstBackoff().toMillis();
        long cap = policy.maxBackoff().toMillis();
        long base = attempt >= 62 ? cap : Math.min(cap, first * (1L << Math.max(0, attempt - 1)));
        if (base < 0) {
            base = cap;
        }
        long jittered = base / 2 + (long) (random * (base - base / 2));
        long asked = retryAfter.map(d -> Math.min(d.toMillis(), policy.maxRetryAfter().toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, asked));
    }

    /** A Retry-After header: delay-seconds or an HTTP-date (RFC 9110 10.2.3); empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
