package dev.itsm.kit.ratelimit;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond}; each request takes one.
 * Pure and clock-free (the caller passes the time) so that it is unit-tested without waiting.
 */
public final class TokenBucket {
    private final double burst;
    private final double perNano;
    private double tokens;
    private long updatedAt;

    public TokenBucket(int burst, double perSecond, long nowNanos) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a bucket needs burst >= 1 and a positive refill rate");
        }
        this.burst = burst;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = burst;
        this.updatedAt = nowNanos;
    }

    /** Takes a token; returns 0 when granted, else the nanoseconds until one is available. */
    public synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full again, i.e. the key can be forgotten without changing any answer. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedAt);
        tokens = Math.min(burst, tokens + elapsed * perNano);
        updatedAt = nowNanos;
    }
}
