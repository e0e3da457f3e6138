package dev.itsm.problem.messaging;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.problem.domain.ProblemService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** An implemented change closes the problem it fixes. */
@ApplicationScoped
public class ChangeEventConsumer {
    private final IdempotentConsumer consumer;
    private final ProblemService problems;

    ChangeEventConsumer(IdempotentConsumer consumer, ProblemService problems) {
        this.consumer = consumer;
        this.problems = problems;
    }

    @Incoming("change-events")
    public Uni<Void> onChangeEvent(String record) {
        return consumer.onEvent("problem-service.change-events", record, this::handle);
    }

    private Uni<Void> handle(EventEnvelope event) {
        if (!EventTypes.CHANGE_IMPLEMENTED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return problems.onChangeImplemented(consumer.codec().payload(event, ChangeImplemented.class), Causation.causedBy(event));
    }
}
