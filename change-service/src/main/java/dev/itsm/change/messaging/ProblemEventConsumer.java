package dev.itsm.change.messaging;

import dev.itsm.change.domain.ChangeService;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/** A resolved problem becomes a draft change with its evidence. */
@ApplicationScoped
public class ProblemEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final ChangeService changes;

    ProblemEventConsumer(IdempotentConsumer consumer, ChangeService changes) {
        this.consumer = consumer;
        this.changes = changes;
    }

    @Override
    public String name() {
        return "change-service.problem-events";
    }

    @Override
    @Incoming("problem-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eachEvent(name(), records, Set.of(EventTypes.PROBLEM_RESOLVED),
                event -> changes.draftFromProblem(consumer.codec().payload(event, ProblemResolved.class), Causation.causedBy(event)));
    }
}
