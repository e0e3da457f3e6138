package dev.itsm.notification.messaging;

import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import dev.itsm.notification.domain.NotificationService;
import dev.itsm.notification.domain.RoutingRules;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Change events that the routing table tells someone about, a whole poll at a time. */
@ApplicationScoped
public class ChangeEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final NotificationService notifications;

    ChangeEventConsumer(IdempotentConsumer consumer, NotificationService notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    @Override
    public String name() {
        return "notification-service.change-events";
    }

    @Override
    @Incoming("change-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eventBatch(name(), records, RoutingRules.MESSAGES.keySet(), notifications::notifyAll);
    }
}
