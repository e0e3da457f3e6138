package dev.itsm.incident.messaging;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.problem.ProblemIncidentLinked;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.incident.domain.IncidentService;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Links incidents to the problems problem-service raises or attaches them to. */
@ApplicationScoped
public class ProblemEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final IncidentService incidents;

    ProblemEventConsumer(IdempotentConsumer consumer, IncidentService incidents) {
        this.consumer = consumer;
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "incident-service.problem-events";
    }

    @Override
    @Incoming("problem-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eachEvent(name(), records, this::handle);
    }

    private Uni<Void> handle(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.PROBLEM_RAISED -> {
                ProblemRaised raised = consumer.codec().payload(event, ProblemRaised.class);
                yield incidents.linkProblem(raised.problemId(), raised.incidentIds(), Causation.causedBy(event));
            }
            case EventTypes.PROBLEM_INCIDENT_LINKED -> {
                ProblemIncidentLinked linked = consumer.codec().payload(event, ProblemIncidentLinked.class);
                yield incidents.linkProblem(linked.problemId(), List.of(linked.incidentId()), Causation.causedBy(event));
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
