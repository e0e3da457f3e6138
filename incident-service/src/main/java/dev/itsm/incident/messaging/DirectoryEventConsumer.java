package dev.itsm.incident.messaging;

import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the local copy of the directory (services and their Tier 1 groups) current. */
@ApplicationScoped
public class DirectoryEventConsumer {
    private final IdempotentConsumer consumer;
    private final DirectoryProjection directory;

    DirectoryEventConsumer(IdempotentConsumer consumer, DirectoryProjection directory) {
        this.consumer = consumer;
        this.directory = directory;
    }

    @Incoming("directory-events")
    public Uni<Void> onDirectoryEvent(String record) {
        return consumer.onEvent("incident-service.directory-events", record, directory::apply);
    }
}
