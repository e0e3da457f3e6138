package dev.itsm.kit.messaging;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * A consumer of one channel. Its {@code @Incoming} method is {@link #consume}, which hands the poll to
 * {@link IdempotentConsumer}; operators re-drive a dead letter through the same method.
 */
public interface RecordConsumer {

    /** Names the consumer in the inbox, in offsets and on the dead letters it parks, e.g. {@code incident-service.alerts}. */
    String name();

    Uni<Void> consume(ConsumerRecords<String, String> records);
}
