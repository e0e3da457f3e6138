package dev.itsm.problem.messaging;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.problem.domain.ProblemService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Incidents opening and changing state: what clustering works on. */
@ApplicationScoped
public class IncidentEventConsumer {
    private final IdempotentConsumer consumer;
    private final ProblemService problems;

    IncidentEventConsumer(IdempotentConsumer consumer, ProblemService problems) {
        this.consumer = consumer;
        this.problems = problems;
    }

    @Incoming("incident-events")
    public Uni<Void> onIncidentEvent(String record) {
        return consumer.onEvent("problem-service.incident-events", record, this::handle);
    }

    private Uni<Void> handle(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.INCIDENT_OPENED ->
                    problems.onIncidentOpened(consumer.codec().payload(event, IncidentOpened.class), Causation.causedBy(event));
            case EventTypes.INCIDENT_STATUS_CHANGED ->
                    problems.onIncidentStatusChanged(consumer.codec().payload(event, IncidentStatusChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
