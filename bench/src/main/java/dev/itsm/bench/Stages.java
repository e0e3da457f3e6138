package dev.itsm.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * Where the time of one path goes, from timestamps the record carries: due (the bench) → event created (the
 * CloudEvent's time, taken by the service inside the transaction that writes it) → handed to Kafka (the record's
 * timestamp, set when the outbox relay sent it, after the commit) → read by the bench. The service's clocks are this machine's clock, at
 * millisecond resolution.
 */
final class Stages {
    /** Wall-clock nanoseconds at System.nanoTime() = 0, so that due and read times compare with event timestamps. */
    private static final long WALL_AT_ZERO_NANOS = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    private final Histogram written = Latency.histogram();
    private final Histogram relayed = Latency.histogram();
    private final Histogram read = Latency.histogram();

    void record(long dueNanos, long readNanos, long eventMillis, long topicMillis) {
        long due = WALL_AT_ZERO_NANOS + dueNanos;
        long seen = WALL_AT_ZERO_NANOS + readNanos;
        Latency.record(written, eventMillis * 1_000_000L - due);
        Latency.record(relayed, (topicMillis - eventMillis) * 1_000_000L);
        Latency.record(read, seen - topicMillis * 1_000_000L);
    }

    boolean isEmpty() {
        return written.getTotalCount() == 0;
    }

    /** p50 / p99 of each stage. */
    String summary() {
        return String.format(Locale.ROOT, "due → event created %s; created → handed to Kafka by the outbox relay %s; → read %s",
                p50p99(written), p50p99(relayed), p50p99(read));
    }

    private static String p50p99(Histogram histogram) {
        Latency latency = Latency.of(histogram);
        return BenchRun.ms(latency.p50()) + " / " + BenchRun.ms(latency.p99()) + " ms";
    }
}
