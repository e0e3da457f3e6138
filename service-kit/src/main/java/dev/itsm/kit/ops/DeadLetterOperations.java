package dev.itsm.kit.ops;

import dev.itsm.contracts.Topics;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.messaging.DeadLetters;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.KafkaClients;
import dev.itsm.kit.messaging.RecordConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators do with this service's dead letters: list and inspect them on {@code <topic>.dlq} (only
 * those this service's consumers parked), and re-drive one through the consumer that parked it. A re-drive
 * is exactly once per dead letter, and the record stays on the dead-letter topic as the history.
 */
@ApplicationScoped
public class DeadLetterOperations {
    /** How far back on each dead-letter partition a listing looks. */
    private static final int SCAN_DEPTH = 10_000;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClients kafka;
    private final KitConfig config;
    private final Pool pool;
    private final Instance<RecordConsumer> consumers;

    DeadLetterOperations(KafkaClients kafka, KitConfig config, Pool pool, Instance<RecordConsumer> consumers) {
        this.kafka = kafka;
        this.config = config;
        this.pool = pool;
        this.consumers = consumers;
    }

    /** A dead letter as operators see it. */
    public record DeadLetter(String deadLetterTopic, int partition, long offset, Instant parkedAt, String consumer,
                             String topic, Integer sourcePartition, Long sourceOffset, String reason, String cause, String key,
                             String value, Map<String, String> headers, String redrivenBy, Instant redrivenAt) {
        DeadLetter redriven(String by, Instant at) {
            return new DeadLetter(deadLetterTopic, partition, offset, parkedAt, consumer, topic, sourcePartition, sourceOffset,
                    reason, cause, key, value, headers, by, at);
        }
    }

    /** The newest dead letters this service parked from a topic, newest first. */
    public Uni<List<DeadLetter>> list(String topic, int limit) {
        requireKnown(topic);
        return Uni.createFrom().item(() -> scan(topic, limit)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(this::withRedrives);
    }

    public Uni<DeadLetter> get(String topic, int partition, long offset) {
        requireKnown(topic);
        return Uni.createFrom().item(() -> find(topic, partition, offset)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> withRedrives(List.of(found))).map(list -> list.get(0));
    }

    /** Processes the dead letter again through the consumer that parked it; the answer is the letter afterwards. */
    public Uni<DeadLetter> redrive(String topic, int partition, long offset, String operator) {
        return get(topic, partition, offset).chain(letter -> {
            RecordConsumer consumer = consumers.stream().filter(c -> c.name().equals(letter.consumer())).findFirst()
                    .orElseThrow(() -> ApiProblem.unprocessable("no consumer named " + letter.consumer() + " runs in this service"));
            if (letter.sourcePartition() == null || letter.sourceOffset() == null) {
                throw ApiProblem.unprocessable("the dead letter does not say where it came from");
            }
            TopicPartition source = new TopicPartition(letter.topic(), letter.sourcePartition());
            RecordHeaders headers = new RecordHeaders();
            letter.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader(IdempotentConsumer.REDRIVEN_BY, operator.getBytes(StandardCharsets.UTF_8)));
            ConsumerRecord<String, String> record = new ConsumerRecord<>(letter.topic(), letter.sourcePartition(), letter.sourceOffset(),
                    letter.parkedAt().toEpochMilli(), TimestampType.CREATE_TIME, -1, -1, letter.key(), letter.value(), headers,
                    Optional.empty());
            return consumer.consume(new ConsumerRecords<>(Map.of(source, List.of(record))))
                    .onFailure().transform(failure -> failure instanceof ApiProblem ? failure
                            : ApiProblem.unprocessable("re-driving failed again and changed nothing: " + failure.getMessage()))
                    .chain(() -> get(topic, partition, offset));
        });
    }

    private void requireKnown(String topic) {
        if (!Topics.ALL.contains(topic)) {
            throw ApiProblem.notFound("topic", topic + " (topics: " + Topics.ALL + ")");
        }
    }

    private DeadLetter find(String topic, int partition, long offset) {
        try (KafkaConsumer<String, String> reader = reader()) {
            TopicPartition tp = new TopicPartition(Topics.deadLetter(topic), partition);
            if (reader.partitionsFor(tp.topic()).stream().noneMatch(p -> p.partition() == partition)) {
                throw ApiProblem.notFound("dead-letter partition", tp);
            }
            reader.assign(List.of(tp));
            reader.seek(tp, offset);
            long deadline = System.nanoTime() + SCAN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    if (record.offset() == offset) {
                        DeadLetter letter = read(record);
                        if (!letter.consumer().startsWith(config.serviceName() + ".")) {
                            break;
                        }
                        return letter;
                    }
                    if (record.offset() > offset) {
                        break;
                    }
                }
                if (reader.position(tp) > offset) {
                    break;
                }
            }
            throw ApiProblem.notFound("dead letter of " + config.serviceName(), tp + "@" + offset);
        }
    }

    private List<DeadLetter> scan(String topic, int limit) {
        String dlq = Topics.deadLetter(topic);
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(dlq).stream()
                    .map((PartitionInfo p) -> new TopicPartition(dlq, p.partition())).toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            Map<TopicPartition, Long> begin = reader.beginningOffsets(partitions);
            partitions.forEach(tp -> reader.seek(tp, Math.max(begin.get(tp), end.get(tp) - SCAN_DEPTH)));
            long deadline = System.nanoTime() + SCAN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    DeadLetter letter = read(record);
                    if (letter.consumer().startsWith(config.serviceName() + ".")) {
                        found.add(letter);
                    }
                }
            }
        }
        return found.stream().sorted(Comparator.comparing(DeadLetter::parkedAt).reversed()).limit(limit).toList();
    }

    private Uni<List<DeadLetter>> withRedrives(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().item(letters);
        }
        return pool.preparedQuery("""
                        select topic, partition, "offset", consumer, redriven_by, redriven_at from dead_letter_redrive
                        where topic = any($1) and "offset" = any($2)""")
                .execute(Tuple.of(letters.stream().map(DeadLetter::topic).distinct().toArray(String[]::new),
                        letters.stream().map(DeadLetter::sourceOffset).filter(o -> o != null).distinct().toArray(Long[]::new)))
                .map(rows -> {
                    Map<String, Row> byKey = new LinkedHashMap<>();
                    rows.forEach(row -> byKey.put(row.getString("topic") + "|" + row.getInteger("partition") + "|"
                            + row.getLong("offset") + "|" + row.getString("consumer"), row));
                    return letters.stream().map(letter -> {
                        Row row = byKey.get(letter.topic() + "|" + letter.sourcePartition() + "|" + letter.sourceOffset() + "|" + letter.consumer());
                        return row == null ? letter : letter.redriven(row.getString("redriven_by"),
                                row.getOffsetDateTime("redriven_at").toInstant());
                    }).toList();
                });
    }

    private static DeadLetter read(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                header(record, DeadLetters.CONSUMER), header(record, DeadLetters.TOPIC),
                parseInt(header(record, DeadLetters.PARTITION)), parseLong(header(record, DeadLetters.OFFSET)),
                header(record, DeadLetters.REASON), header(record, DeadLetters.CAUSE), record.key(), record.value(), headers, null, null);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer parseInt(String value) {
        return value.isEmpty() ? null : Integer.valueOf(value);
    }

    private static Long parseLong(String value) {
        return value.isEmpty() ? null : Long.valueOf(value);
    }

    private KafkaConsumer<String, String> reader() {
        return new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-dead-letter-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())));
    }
}
