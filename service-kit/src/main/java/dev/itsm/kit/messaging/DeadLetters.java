package dev.itsm.kit.messaging;

import dev.itsm.contracts.Topics;
import dev.itsm.kit.config.KitConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Parks a record that can never be processed on {@code <topic>.dlq}: the original key, value and headers,
 * plus headers saying which consumer gave up, why, and where the record came from. The send is confirmed
 * before the consumer moves on; if the broker cannot take it, that is a transient failure like any other.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER = "dead-letter-consumer";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClients clients;
    private final KitConfig config;
    private final MeterRegistry registry;
    private volatile KafkaProducer<String, String> producer;

    DeadLetters(KafkaClients clients, KitConfig config, MeterRegistry registry) {
        this.clients = clients;
        this.config = config;
        this.registry = registry;
    }

    public Uni<Void> park(String consumer, ConsumerRecord<String, String> record, Throwable reason) {
        String why = reason.getMessage() != null ? reason.getMessage() : reason.getClass().getSimpleName();
        ProducerRecord<String, String> parked = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(), record.value());
        for (Header header : record.headers()) {
            parked.headers().add(header);
        }
        parked.headers().add(REASON, utf8(why));
        parked.headers().add(CAUSE, utf8(reason.getClass().getName()));
        parked.headers().add(TOPIC, utf8(record.topic()));
        parked.headers().add(PARTITION, utf8(String.valueOf(record.partition())));
        parked.headers().add(OFFSET, utf8(String.valueOf(record.offset())));
        parked.headers().add(CONSUMER, utf8(consumer));
        // send() may block while the broker is unknown: never on an event-loop thread.
        return Uni.createFrom().<Void>emitter(emitter -> producer().send(parked, (metadata, failure) -> {
                    if (failure != null) {
                        emitter.fail(failure);
                    } else {
                        emitter.complete(null);
                    }
                }))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(() -> {
                    registry.counter("itsm.dead.letter", "consumer", consumer, "topic", record.topic()).increment();
                    LOG.warnf("%s parked %s-%d@%d on %s: %s", consumer, record.topic(), record.partition(), record.offset(),
                            Topics.deadLetter(record.topic()), why);
                });
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(clients.with(Map.of(
                            ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-dead-letters",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())));
                }
            }
        }
        return producer;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
