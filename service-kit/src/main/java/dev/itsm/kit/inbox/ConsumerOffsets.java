package dev.itsm.kit.inbox;

import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.messaging.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Exactly-once for high-volume topics without an inbox row per record: the next offset to process of each
 * partition is stored in the database, in the transaction that applies the records. A redelivered record
 * (the Kafka commit was lost, or the partition moved to another replica) lies below the stored offset and
 * is skipped. Locking the partition's row first serialises two replicas that briefly both hold a partition
 * during a rebalance. Offsets are stored with Kafka's id of the topic, so that a topic deleted and created
 * again starts over instead of having its new records skipped. Size: one row per consumer and partition.
 */
@ApplicationScoped
public class ConsumerOffsets {

    private final KafkaClients kafka;
    private final KitConfig config;
    private final Map<String, String> topicIds = new ConcurrentHashMap<>();
    private volatile Admin admin;

    ConsumerOffsets(KafkaClients kafka, KitConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /** Locks the partitions' rows (creating them at first use) and returns the next offset to process of each. */
    public Uni<Map<TopicPartition, Long>> lock(SqlConnection tx, String consumer, List<TopicPartition> partitions) {
        List<TopicPartition> ordered = partitions.stream().distinct()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
        return topicIds(ordered).chain(ids -> tx.preparedQuery("""
                        insert into consumer_offset (consumer, topic, partition, topic_id, next_offset)
                        select $1, t, p, i, 0 from unnest($2::text[], $3::int[], $4::text[]) as x(t, p, i)
                        on conflict (consumer, topic, partition) do update
                           set next_offset = case when consumer_offset.topic_id = excluded.topic_id
                                                  then consumer_offset.next_offset else 0 end,
                               topic_id = excluded.topic_id
                        returning topic, partition, next_offset""")
                // An upsert that changes nothing still takes the row lock, and returns the stored offset in the same round trip.
                .execute(Tuple.of(consumer,
                        ordered.stream().map(TopicPartition::topic).toArray(String[]::new),
                        ordered.stream().map(TopicPartition::partition).toArray(Integer[]::new),
                        ordered.stream().map(tp -> ids.get(tp.topic())).toArray(String[]::new)))
                .map(rows -> {
                    Map<TopicPartition, Long> next = new HashMap<>();
                    for (Row row : rows) {
                        next.put(new TopicPartition(row.getString(0), row.getInteger(1)), row.getLong(2));
                    }
                    return next;
                }));
    }

    public Uni<Void> advance(SqlConnection tx, String consumer, Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<TopicPartition, Long>> entries = List.copyOf(nextOffsets.entrySet());
        return tx.preparedQuery("""
                        update consumer_offset c set next_offset = greatest(c.next_offset, x.n)
                        from unnest($2::text[], $3::int[], $4::bigint[]) as x(t, p, n)
                        where c.consumer = $1 and c.topic = x.t and c.partition = x.p""")
                .execute(Tuple.of(consumer,
                        entries.stream().map(e -> e.getKey().topic()).toArray(String[]::new),
                        entries.stream().map(e -> e.getKey().partition()).toArray(Integer[]::new),
                        entries.stream().map(Map.Entry::getValue).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** Kafka's ids of the topics, asked once per topic (off the event loop) and remembered. */
    private Uni<Map<String, String>> topicIds(List<TopicPartition> partitions) {
        List<String> unknown = partitions.stream().map(TopicPartition::topic).distinct().filter(t -> !topicIds.containsKey(t)).toList();
        if (unknown.isEmpty()) {
            return Uni.createFrom().item(topicIds);
        }
        return Uni.createFrom().item(() -> {
                    try {
                        admin().describeTopics(unknown).allTopicNames().get(10, TimeUnit.SECONDS)
                                .forEach((topic, description) -> topicIds.put(topic, description.topicId().toString()));
                        return (Map<String, String>) topicIds;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while asking Kafka for topic ids", e);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot ask Kafka for the ids of " + unknown + ": " + e.getMessage(), e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-offsets")));
                }
            }
        }
        return admin;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
