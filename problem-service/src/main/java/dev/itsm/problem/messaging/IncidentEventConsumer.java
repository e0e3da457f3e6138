package dev.itsm.problem.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import dev.itsm.problem.domain.IncidentClustering;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/** Incidents opening and changing state, a whole poll at a time: what clustering works on. */
@ApplicationScoped
public class IncidentEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final IncidentClustering clustering;

    IncidentEventConsumer(IdempotentConsumer consumer, IncidentClustering clustering) {
        this.consumer = consumer;
        this.clustering = clustering;
    }

    @Override
    public String name() {
        return "problem-service.incident-events";
    }

    @Override
    @Incoming("incident-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eventBatch(name(), records, Set.of(EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_STATUS_CHANGED), clustering::apply);
    }
}
