package dev.itsm.incident.messaging;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.problem.ProblemIncidentLinked;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.incident.domain.ProblemLinks;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

import java.util.List;

/** Links incidents to the problems problem-service raises or attaches them to, a whole poll at a time. */
@ApplicationScoped
public class ProblemEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final ProblemLinks links;

    ProblemEventConsumer(IdempotentConsumer consumer, ProblemLinks links) {
        this.consumer = consumer;
        this.links = links;
    }

    @Override
    public String name() {
        return "incident-service.problem-events";
    }

    @Override
    @Incoming("problem-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eventBatch(name(), records, Set.of(EventTypes.PROBLEM_RAISED, EventTypes.PROBLEM_INCIDENT_LINKED),
                (tx, batch) -> links.link(tx, batch.stream().flatMap(item -> links(item.value()).stream()).toList()));
    }

    private List<ProblemLinks.Link> links(EventEnvelope event) {
        if (EventTypes.PROBLEM_RAISED.equals(event.type())) {
            ProblemRaised raised = consumer.codec().payload(event, ProblemRaised.class);
            return raised.incidentIds() == null ? List.of() : raised.incidentIds().stream()
                    .map(incident -> new ProblemLinks.Link(raised.problemId(), incident, Causation.causedBy(event))).toList();
        }
        ProblemIncidentLinked linked = consumer.codec().payload(event, ProblemIncidentLinked.class);
        return List.of(new ProblemLinks.Link(linked.problemId(), linked.incidentId(), Causation.causedBy(event)));
    }
}
