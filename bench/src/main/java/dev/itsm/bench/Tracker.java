package dev.itsm.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keys whose effect one measurement waits for: when each was sent (or due to be sent, at a fixed rate)
 * and when its effect was first seen. The latency of each key goes into an HdrHistogram.
 */
final class Tracker {
    private final String what;
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
    private final Histogram latency = Latency.histogram();
    private final Stages stages = new Stages();
    private final AtomicInteger expected = new AtomicInteger();
    private final AtomicInteger seen = new AtomicInteger();
    private volatile long firstSent = Long.MAX_VALUE;
    private volatile long lastSeen;

    Tracker(String what) {
        this.what = what;
    }

    /** Call before the record leaves, so its effect can never be seen first. */
    void expect(String key, long sentNanos) {
        if (pending.putIfAbsent(key, sentNanos) == null) {
            expected.incrementAndGet();
            if (sentNanos < firstSent) {
                firstSent = sentNanos;
            }
        }
    }

    /** The first sighting of an expected key counts; anything else is ignored. */
    void seen(String key, long nanos) {
        seen(key, nanos, null);
    }

    /** The same, and where the time went when the record is an event with its own timestamp. */
    void seen(String key, long nanos, ConsumerRecord<String, String> record) {
        if (key == null) {
            return;
        }
        Long sent = pending.remove(key);
        if (sent != null) {
            Latency.record(latency, nanos - sent);
            long eventMillis = record == null ? -1 : IncidentEvents.timeMillis(record);
            if (eventMillis > 0) {
                stages.record(sent, nanos, eventMillis, record.timestamp());
            }
            lastSeen = Math.max(lastSeen, nanos);
            seen.incrementAndGet();
        }
    }

    /** Where the time of the seen effects went, or null when the records carried no event time. */
    String stages() {
        return stages.isEmpty() ? null : stages.summary();
    }

    boolean complete() {
        return seen.get() == expected.get();
    }

    int expected() {
        return expected.get();
    }

    int seen() {
        return seen.get();
    }

    long firstSent() {
        return firstSent;
    }

    long lastSeen() {
        return lastSeen;
    }

    Latency latency() {
        return Latency.of(latency);
    }

    /** Waits until every expected key was seen, or fails naming how many were not. */
    void await(Duration timeout, TopicWatcher watcher) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!complete()) {
            watcher.check();
            if (System.nanoTime() > deadline) {
                throw new BenchFailure(what + ": only " + seen() + " of " + expected() + " effects seen within " + timeout);
            }
            Pause.millis(5);
        }
    }

    String what() {
        return what;
    }
}
