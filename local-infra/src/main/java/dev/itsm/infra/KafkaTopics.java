package dev.itsm.infra;

import dev.itsm.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the suite's topics (3 partitions; the directory compacted) and their dead-letter topics. */
public final class KafkaTopics {
    public static final int PARTITIONS = 3;

    private KafkaTopics() {
    }

    public static void ensure(String bootstrap) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            NewTopic main = new NewTopic(topic, PARTITIONS, (short) 1);
            if (topic.equals(Topics.DIRECTORY_EVENTS)) {
                main.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(main);
            topics.add(new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).values().forEach((name, result) -> {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
