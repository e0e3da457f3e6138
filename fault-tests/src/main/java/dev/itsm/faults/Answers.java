package dev.itsm.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** How the services answered the requests of one phase: every attempt, classified, with the slowest. */
public final class Answers {
    /** What one attempt got. */
    public enum Kind {
        /** 2xx. */
        OK,
        /** 503 with Retry-After: the service knew it was degraded and said when to come back. */
        UNAVAILABLE,
        /** 503 without Retry-After. */
        UNAVAILABLE_NO_RETRY_AFTER,
        /** Another 5xx: a failure the service did not recognise as transient. */
        SERVER_ERROR,
        /** A 4xx where none was expected. */
        CLIENT_ERROR,
        /** Nothing listens (the instance is dead) or the connection dropped: the client tries the other instance. */
        CONNECTION_FAILED,
        /** No answer within the client's request timeout: a hang. */
        TIMED_OUT
    }

    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
    private final AtomicLong slowestMillis = new AtomicLong();
    private volatile String slowest = "";
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder replays = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();

    public Answers() {
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    void record(Kind kind, long millis, String detail) {
        counts.get(kind).increment();
        if (millis > slowestMillis.get()) {
            synchronized (this) {
                if (millis > slowestMillis.get()) {
                    slowestMillis.set(millis);
                    slowest = kind + " " + detail;
                }
            }
        }
        if (kind != Kind.OK && kind != Kind.UNAVAILABLE && kind != Kind.CONNECTION_FAILED && unexpected.size() < 20) {
            unexpected.add(kind + ": " + detail);
        }
    }

    /** A repeat answered from what the first request stored (Idempotent-Replayed, or a webhook body seen before). */
    void replayed() {
        replays.increment();
    }

    /** A write the client stopped retrying: its effect may or may not exist. */
    void gaveUp(String detail) {
        gaveUp.increment();
        if (unexpected.size() < 20) {
            unexpected.add("gave up: " + detail);
        }
    }

    public long count(Kind kind) {
        return counts.get(kind).sum();
    }

    public long attempts() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Answers no fault excuses: 5xx other than 503 + Retry-After, 4xx, hangs, and writes given up. */
    public long wrong() {
        return count(Kind.UNAVAILABLE_NO_RETRY_AFTER) + count(Kind.SERVER_ERROR) + count(Kind.CLIENT_ERROR)
                + count(Kind.TIMED_OUT) + gaveUp.sum();
    }

    public long replays() {
        return replays.sum();
    }

    public long slowestMillis() {
        return slowestMillis.get();
    }

    /** What the slowest attempt was and how it ended. */
    public String slowest() {
        return slowest;
    }

    public List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }
}
