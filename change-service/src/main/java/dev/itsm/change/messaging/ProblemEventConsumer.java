package dev.itsm.change.messaging;

import dev.itsm.change.domain.ChangeService;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A resolved problem becomes a draft change with its evidence. */
@ApplicationScoped
public class ProblemEventConsumer {
    private final IdempotentConsumer consumer;
    private final ChangeService changes;

    ProblemEventConsumer(IdempotentConsumer consumer, ChangeService changes) {
        this.consumer = consumer;
        this.changes = changes;
    }

    @Incoming("problem-events")
    public Uni<Void> onProblemEvent(String record) {
        return consumer.onEvent("change-service.problem-events", record, event -> EventTypes.PROBLEM_RESOLVED.equals(event.type())
                ? changes.draftFromProblem(consumer.codec().payload(event, ProblemResolved.class), Causation.causedBy(event))
                : Uni.createFrom().voidItem());
    }
}
