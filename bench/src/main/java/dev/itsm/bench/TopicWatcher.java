package dev.itsm.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads a topic from its end on a thread of its own (no consumer group, so it never disturbs the services)
 * and reports the key of each record to the current {@link Tracker} with the time it was read.
 */
final class TopicWatcher implements AutoCloseable {
    private final String topic;
    private final Function<ConsumerRecord<String, String>, String> keyOf;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Tracker tracker;
    private volatile Throwable failure;

    private TopicWatcher(String bootstrap, String topic, Function<ConsumerRecord<String, String>, String> keyOf) {
        this.topic = topic;
        this.keyOf = keyOf;
        this.thread = new Thread(() -> run(bootstrap), "watch-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts reading; returns once the watcher stands at the topic's current end. */
    static TopicWatcher start(String bootstrap, String topic, Function<ConsumerRecord<String, String>, String> keyOf) {
        TopicWatcher watcher = new TopicWatcher(bootstrap, topic, keyOf);
        watcher.thread.start();
        try {
            if (!watcher.positioned.await(60, TimeUnit.SECONDS)) {
                throw new BenchFailure("could not position a consumer on " + topic + " within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
        watcher.check();
        return watcher;
    }

    /** Effects seen from now on go to this tracker. */
    Tracker track(Tracker next) {
        this.tracker = next;
        return next;
    }

    void check() {
        if (failure != null) {
            throw new BenchFailure("reading " + topic + " failed: " + failure, failure);
        }
    }

    private void run(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    Tracker current = tracker;
                    if (current != null) {
                        current.seen(keyOf.apply(record), now, record);
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
            positioned.countDown();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
