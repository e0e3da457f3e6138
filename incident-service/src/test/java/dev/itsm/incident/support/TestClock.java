package dev.itsm.incident.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every bean of the service reads in tests, in place of the kit's system clock: the system time until a
 * test freezes it, then exactly the time the test sets and moves. Tests release it when they end.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private volatile Instant frozen;

    /** Stops time at the given instant. */
    public void freeze(Instant at) {
        frozen = at;
    }

    /** Stops time now (to the millisecond). */
    public Instant freeze() {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        frozen = now;
        return now;
    }

    public synchronized Instant advance(Duration by) {
        if (frozen == null) {
            throw new IllegalStateException("freeze the clock before moving it");
        }
        frozen = frozen.plus(by);
        return frozen;
    }

    /** Back to the system time. */
    public void release() {
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant at = frozen;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
