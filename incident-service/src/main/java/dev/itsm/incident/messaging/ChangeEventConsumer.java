package dev.itsm.incident.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.incident.domain.ServiceChanges;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.Set;

/** Changes as change-service implements them, a whole poll at a time: what change-aware triage looks at. */
@ApplicationScoped
public class ChangeEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final ServiceChanges changes;
    private final Clock clock;

    ChangeEventConsumer(IdempotentConsumer consumer, ServiceChanges changes, Clock clock) {
        this.consumer = consumer;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "incident-service.change-events";
    }

    @Override
    @Incoming("change-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eventBatch(name(), records, Set.of(EventTypes.CHANGE_STATUS_CHANGED, EventTypes.CHANGE_IMPLEMENTED),
                changes::apply);
    }

    @Scheduled(every = "1h", delayed = "15m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOldChanges() {
        return changes.forgetOld(clock.instant()).replaceWithVoid().onFailure().recoverWithNull();
    }
}
