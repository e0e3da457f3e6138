package dev.itsm.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the event topics from the start and checks what consumers rely on: the first event of every aggregate is
 * the one that created it (an incident opened, a problem raised, a change drafted), so no consumer ever hears of a
 * change to something it has not seen created. Re-sent copies of an event (same id) are counted, not judged:
 * the relay re-sends after a crash and consumers' inboxes absorb them.
 */
final class EventOrder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CREATED_BY = Map.of(
            Topics.INCIDENT_EVENTS, EventTypes.INCIDENT_OPENED,
            Topics.PROBLEM_EVENTS, EventTypes.PROBLEM_RAISED,
            Topics.CHANGE_EVENTS, EventTypes.CHANGE_DRAFTED);

    /** What the topics hold: events, copies re-sent, and aggregates whose first event was not their creation. */
    record Findings(long events, long resent, long outOfOrder, List<String> examples) {
    }

    private EventOrder() {
    }

    static Findings read(String bootstrap) {
        long events = 0;
        long resent = 0;
        long outOfOrder = 0;
        List<String> examples = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : CREATED_BY.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Set<String> seenIds = new HashSet<>();
            Map<String, String> firstType = new HashMap<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read the event topics to their end within 2 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    events++;
                    JsonNode event = parse(record.value());
                    if (!seenIds.add(event.path("id").asText())) {
                        resent++;
                        continue;
                    }
                    String type = event.path("type").asText();
                    String aggregate = record.topic() + " " + record.key();
                    if (firstType.putIfAbsent(aggregate, type) == null && !type.equals(CREATED_BY.get(record.topic()))
                            && outOfOrder++ < 20) {
                        examples.add(record.key() + " on " + record.topic() + " began with " + type + " at offset "
                                + record.partition() + "@" + record.offset());
                    }
                }
            }
        }
        return new Findings(events, resent, outOfOrder, examples);
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
