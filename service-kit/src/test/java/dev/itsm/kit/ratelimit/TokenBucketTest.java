package dev.itsm.kit.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void aBurstPassesThenTheRateHoldsAndTheWaitIsNamed() {
        TokenBucket bucket = new TokenBucket(3, 2.0, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(500_000_000L);
        assertThat(bucket.tryTake(500_000_000L)).isZero();
        assertThat(bucket.isFull(10_000_000_000L)).isTrue();
    }

    @Test
    void keysAreLimitedApartAndForgottenOnceFull() {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 1.0, now::get);
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(1);
        assertThat(limiter.tryAcquire("b")).isZero();
        now.set(5_000_000_000L);
        for (int i = 0; i < 1100; i++) {
            limiter.tryAcquire("k" + i);
            now.addAndGet(2_000_000_000L);
        }
        assertThat(limiter.trackedKeys()).isLessThan(200);
    }
}
