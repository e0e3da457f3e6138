package dev.itsm.faults;

import dev.itsm.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Consumer lag per group, and how many records the dead-letter topics hold, read from the broker. */
final class Lag implements AutoCloseable {
    private final Admin admin;

    Lag(String bootstrap) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Records not yet committed, per consumer group of the services (every partition the group has offsets for). */
    Map<String, Long> byGroup() throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).filter(g -> g.endsWith("-service")).toList();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = ends(committed.keySet().stream().toList());
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                total += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            lag.put(group, total);
        }
        return lag;
    }

    /** Records on every dead-letter topic. */
    Map<String, Long> deadLetters() throws Exception {
        List<String> topics = Topics.ALL.stream().map(Topics::deadLetter).toList();
        Map<String, Long> count = new TreeMap<>();
        var descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        Map<TopicPartition, Long> ends = ends(partitions);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        ends.forEach((tp, end) -> count.merge(tp.topic(), end - starts.getOrDefault(tp, 0L), Long::sum));
        return count;
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> partitions) throws Exception {
        return offsets(partitions, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return new HashMap<>();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec))).all().get(10, TimeUnit.SECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
