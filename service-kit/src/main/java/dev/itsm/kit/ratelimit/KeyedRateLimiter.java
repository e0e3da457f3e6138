package dev.itsm.kit.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a credential, a client address, an account). Keys whose bucket has filled up again are
 * dropped as new ones arrive, so the map holds only keys that are being limited right now.
 */
public final class KeyedRateLimiter {
    private static final int SWEEP_EVERY = 1024;

    private final int burst;
    private final double perSecond;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private int sinceSweep;

    public KeyedRateLimiter(int burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    public KeyedRateLimiter(int burst, double perSecond, LongSupplier nanoClock) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
    }

    /** 0 when the request may pass, else the whole seconds to wait (at least 1). */
    public long tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        sweepSometimes(now);
        long waitNanos = buckets.computeIfAbsent(key, k -> new TokenBucket(burst, perSecond, now)).tryTake(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    public int trackedKeys() {
        return buckets.size();
    }

    private void sweepSometimes(long now) {
        if (++sinceSweep < SWEEP_EVERY) {
            return;
        }
        sinceSweep = 0;
        buckets.entrySet().removeIf(e -> e.getValue().isFull(now));
    }
}
