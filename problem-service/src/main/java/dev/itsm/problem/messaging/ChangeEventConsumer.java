package dev.itsm.problem.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import dev.itsm.problem.domain.ProblemService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/** An implemented change closes the problem it fixes. */
@ApplicationScoped
public class ChangeEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final ProblemService problems;

    ChangeEventConsumer(IdempotentConsumer consumer, ProblemService problems) {
        this.consumer = consumer;
        this.problems = problems;
    }

    @Override
    public String name() {
        return "problem-service.change-events";
    }

    @Override
    @Incoming("change-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eachEvent(name(), records, Set.of(EventTypes.CHANGE_IMPLEMENTED),
                event -> problems.onChangeImplemented(consumer.codec().payload(event, ChangeImplemented.class), Causation.causedBy(event)));
    }
}
