package dev.itsm.notification.messaging;

import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.notification.domain.NotificationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
    public Uni<Void> onIncidentEvent(String record) {
        return consumer.onEvent("notification-service.incident-events", record, notifications::notify);
    }

    @Incoming("problem-events")
    public Uni<Void> onProblemEvent(String record) {
        return consumer.onEvent("notification-service.problem-events", record, notifications::notify);
    }

    @Incoming("change-events")
    public Uni<Void> onChangeEvent(String record) {
        return consumer.onEvent("notification-service.change-events", record, notifications::notify);
    }
}
