package dev.itsm.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Sends prepared records onto a topic, in one burst or at a fixed rate, registering with the tracker the
 * keys whose effects are awaited before each record leaves.
 */
final class AlertTraffic {
    /** When sending started and when the last record was due (burst: handed to the producer). */
    record Sent(long first, long last, int records, long alerts) {
    }

    private final KafkaProducer<String, String> producer;

    AlertTraffic(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    /** As fast as the producer takes them. */
    Sent burst(String topic, List<AlertMix.Notification> records, Function<AlertMix.Notification, List<String>> awaited, Tracker tracker) {
        return send(topic, records, awaited, tracker, 0);
    }

    /**
     * One record every 1/rate seconds; each awaited key is registered with the time its record was due, so a
     * sender that falls behind does not shorten the latency.
     */
    Sent atRate(String topic, List<AlertMix.Notification> records, Function<AlertMix.Notification, List<String>> awaited,
                Tracker tracker, double rate) {
        return send(topic, records, awaited, tracker, rate);
    }

    private Sent send(String topic, List<AlertMix.Notification> records, Function<AlertMix.Notification, List<String>> awaited,
                      Tracker tracker, double rate) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long first = System.nanoTime();
        long last = first;
        long alerts = 0;
        for (int i = 0; i < records.size(); i++) {
            AlertMix.Notification record = records.get(i);
            long due = first;
            if (rate > 0) {
                due = first + (long) (i * 1e9 / rate);
                Pause.until(due);
            } else {
                due = System.nanoTime();
            }
            for (String key : awaited.apply(record)) {
                tracker.expect(key, due);
            }
            producer.send(new ProducerRecord<>(topic, record.key(), record.body()), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            alerts += record.alerts().size();
            last = due;
        }
        producer.flush();
        if (failure.get() != null) {
            throw new BenchFailure("producing to " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        return new Sent(first, last, records.size(), alerts);
    }

    /** New alerts open an incident: their fingerprints are what the incident.opened events name. */
    static List<String> freshFingerprints(AlertMix.Notification record) {
        return record.alerts().stream().filter(AlertMix.Alert::fresh).map(AlertMix.Alert::fingerprint).toList();
    }
}
