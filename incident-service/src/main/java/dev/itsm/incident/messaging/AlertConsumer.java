package dev.itsm.incident.messaging;

import dev.itsm.incident.domain.IncidentAlerts;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Alerts that monitoring tools put on {@code itsm.alerts.v1}, a whole poll at a time. */
@ApplicationScoped
public class AlertConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final IncidentAlerts alerts;

    AlertConsumer(IdempotentConsumer consumer, IncidentAlerts alerts) {
        this.consumer = consumer;
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return IncidentAlerts.KAFKA_CONSUMER;
    }

    @Override
    @Incoming("alerts")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.recordBatch(name(), records, alerts::parse, alerts::apply);
    }
}
