package dev.itsm.notification.messaging;

import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.notification.domain.NotificationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every incident, problem and change event may tell someone something. */
@ApplicationScoped
public class EventConsumers {
    private final IdempotentConsumer consumer;
    private final NotificationService notifications;

    EventConsumers(IdempotentConsumer consumer, NotificationService notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    @Incoming("incident-events")
    public Uni<Void> onIncidentEvent(ConsumerRecords<String, String> records) {
        return consumer.eachEvent("notification-service.incident-events", records, notifications::notify);
    }

    @Incoming("problem-events")
    public Uni<Void> onProblemEvent(ConsumerRecords<String, String> records) {
        return consumer.eachEvent("notification-service.problem-events", records, notifications::notify);
    }

    @Incoming("change-events")
    public Uni<Void> onChangeEvent(ConsumerRecords<String, String> records) {
        return consumer.eachEvent("notification-service.change-events", records, notifications::notify);
    }
}
