package dev.itsm.kit.directory;

import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.messaging.RecordConsumer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this service's copy of the directory current from the compacted directory topic. Every service
 * has it except directory-service itself, which builds with {@code itsm.directory.projection.enabled=false}.
 */
@ApplicationScoped
@IfBuildProperty(name = "itsm.directory.projection.enabled", stringValue = "true", enableIfMissing = true)
public class DirectoryEventConsumer implements RecordConsumer {
    private final IdempotentConsumer consumer;
    private final DirectoryProjection directory;

    DirectoryEventConsumer(IdempotentConsumer consumer, DirectoryProjection directory) {
        this.consumer = consumer;
        this.directory = directory;
    }

    @Override
    public String name() {
        return consumer.serviceName() + ".directory-events";
    }

    @Override
    @Incoming("directory-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.eachDirectoryEvent(name(), records, directory::apply);
    }
}
