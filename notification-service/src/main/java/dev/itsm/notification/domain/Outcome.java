package dev.itsm.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one send attempt came to, and what follows for the delivery: delivered, tried again later, or
 * dead-lettered (FAILED) because the answer is final or the attempts are used up.
 *
 * @param code  HTTP status or SMTP reply code; null when nothing answered
 * @param reply a short account of the answer (status line, SMTP reply, or the transport error)
 */
public record Outcome(Kind kind, Integer code, String reply, Optional<Duration> retryAfter) {
    public enum Kind {
        DELIVERED, RETRY, FINAL_FAILURE
    }

    public static final int MAX_REPLY = 500;

    public Outcome {
        reply = reply == null ? null : reply.length() > MAX_REPLY ? reply.substring(0, MAX_REPLY) : reply;
    }

    /** 2xx delivers; 410 Gone says the endpoint is gone for good; everything else may pass. */
    public static Outcome http(int status, String reply, Optional<Duration> retryAfter) {
        if (status >= 200 && status < 300) {
            return new Outcome(Kind.DELIVERED, status, reply, Optional.empty());
        }
        return new Outcome(status == 410 ? Kind.FINAL_FAILURE : Kind.RETRY, status, reply, retryAfter);
    }

    /** An SMTP reply: 5xx is permanent (RFC 5321 4.2.1), 4xx transient. */
    public static Outcome smtp(int code, String reply) {
        if (code >= 200 && code < 300) {
            return new Outcome(Kind.DELIVERED, code, reply, Optional.empty());
        }
        return new Outcome(code >= 500 ? Kind.FINAL_FAILURE : Kind.RETRY, code, reply, Optional.empty());
    }

    /** Nothing answered in time, or the connection failed: try again. */
    public static Outcome unreachable(String reply) {
        return new Outcome(Kind.RETRY, null, reply, Optional.empty());
    }

    public static Outcome refused(String reply) {
        return new Outcome(Kind.FINAL_FAILURE, null, reply, Optional.empty());
    }

    /** The delivery's next state after this attempt. */
    public record Next(String status, Instant dueAt) {
    }

    public Next next(Retries.Policy policy, int attemptsSoFar, Instant now, double random) {
        return switch (kind) {
            case DELIVERED -> new Next("DELIVERED", null);
            case FINAL_FAILURE -> new Next("FAILED", null);
            case RETRY -> attemptsSoFar >= policy.maxAttempts() ? new Next("FAILED", null)
                    : new Next("PENDING", now.plus(Retries.delay(policy, attemptsSoFar, retryAfter, random)));
        };
    }
}
