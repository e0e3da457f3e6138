package dev.itsm.kit.outbox;

import dev.itsm.kit.messaging.Failures;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay that starts while the broker is away has no metadata for its topics, so the real Kafka producer refuses
 * each record after waiting {@code max.block.ms} for it. Were the relay to go on handing over the records behind a
 * refused one, those sent after the broker came back would overtake it: an incident's status change would reach
 * consumers before the incident itself. So a transient refusal ends the hand-over, and the pass does not wait
 * once per record.
 */
class OutboxHandOverTest {
    /** Long enough that a slow, shared machine's own delays stay well below it. */
    private static final int MAX_BLOCK_MS = 2000;

    @Test
    void aRecordRefusedBeforeItLeftIsNeverOvertakenByTheRecordsBehindIt() throws IOException {
        List<ProducerRecord<String, String>> records = List.of(
                new ProducerRecord<>("itsm.incident-events.v1", "incident-1", "{\"type\":\"opened\"}"),
                new ProducerRecord<>("itsm.incident-events.v1", "incident-2", "{\"type\":\"opened\"}"),
                new ProducerRecord<>("itsm.incident-events.v1", "incident-1", "{\"type\":\"status-changed\"}"),
                new ProducerRecord<>("itsm.problem-events.v1", "problem-1", "{\"type\":\"raised\"}"),
                new ProducerRecord<>("itsm.incident-events.v1", "incident-2", "{\"type\":\"status-changed\"}"));
        try (KafkaProducer<String, String> producer = producerWithoutBroker()) {
            long start = System.nanoTime();
            List<Throwable> outcomes = OutboxRelay.handOver(producer, records, Duration.ofSeconds(5));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(outcomes).hasSize(records.size()).allSatisfy(failure -> {
                assertThat(failure).isNotNull();
                assertThat(Failures.isTransient(failure)).as("the rows stay in the outbox for the next pass").isTrue();
            });
            assertThat(outcomes.get(0)).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            assertThat(outcomes.subList(1, outcomes.size())).as("held back, never handed to Kafka")
                    .allSatisfy(failure -> assertThat(failure).isNotInstanceOf(org.apache.kafka.common.errors.TimeoutException.class));
            // The refused send waits for metadata, and the pass may wait once more before it ends; a wait per record takes five.
            assertThat(took).as("no wait per record").isLessThan(Duration.ofMillis(MAX_BLOCK_MS * (records.size() - 1L)));
        }
    }

    private static KafkaProducer<String, String> producerWithoutBroker() throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + nobody,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }
}
