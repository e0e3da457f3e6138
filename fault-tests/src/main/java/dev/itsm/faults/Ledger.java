package dev.itsm.faults;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What was sent and acknowledged, by whom it was acknowledged, and when it left: the side of the count that
 * the services never see. An alert counts once it is acknowledged (Kafka took it, or the webhook answered
 * 2xx); a REST incident once its Idempotency-Key got a 2xx, with the id that answer named.
 */
public final class Ledger {
    /** One acknowledged alert: where it went and when it was sent. */
    public record SentAlert(String fingerprint, Channel channel, Instant sentAt) {
    }

    public enum Channel { KAFKA, HTTP }

    /** One REST create: its key, the phase it belongs to, and the incident id of its first 2xx. */
    public record Created(String key, Phase phase, String incidentId, Instant sentAt) {
    }

    private final Map<String, Phase> phaseOfFingerprint = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SentAlert> alerts = new ConcurrentLinkedQueue<>();
    private final Map<String, Created> creates = new ConcurrentHashMap<>();
    private final Map<Phase, LongAdder> keysTried = new ConcurrentHashMap<>();
    private final LongAdder kafkaFailures = new LongAdder();
    private final Map<String, Phase> accepted = new ConcurrentHashMap<>();

    void register(Phase phase) {
        phase.fingerprints().forEach(f -> phaseOfFingerprint.put(f, phase));
        keysTried.put(phase, new LongAdder());
    }

    void alertAcknowledged(String fingerprint, Channel channel, Instant sentAt) {
        alerts.add(new SentAlert(fingerprint, channel, sentAt));
    }

    void kafkaSendFailed() {
        kafkaFailures.increment();
    }

    void keyTried(Phase phase) {
        keysTried.get(phase).increment();
    }

    void created(String key, Phase phase, String incidentId, Instant sentAt) {
        creates.putIfAbsent(key, new Created(key, phase, incidentId, sentAt));
    }

    /** A REST incident the Service Desk accepted (2xx, or 409 because an earlier attempt had taken the step). */
    void accepted(String incidentId, Phase phase) {
        accepted.put(incidentId, phase);
    }

    public List<String> accepted(Phase phase) {
        return accepted.entrySet().stream().filter(e -> e.getValue() == phase).map(Map.Entry::getKey).toList();
    }

    public Phase phaseOf(String fingerprint) {
        return phaseOfFingerprint.get(fingerprint);
    }

    public List<SentAlert> alerts() {
        return List.copyOf(alerts);
    }

    public List<Created> creates() {
        return List.copyOf(creates.values());
    }

    public long keysTried(Phase phase) {
        return keysTried.get(phase).sum();
    }

    public long kafkaFailures() {
        return kafkaFailures.sum();
    }
}
