package dev.itsm.kit.domain;

import dev.itsm.contracts.EventEnvelope;

import java.util.UUID;

/**
 * Where an event sits in its chain: the correlation id is inherited from the first event, the causation
 * id names the event that caused this one.
 */
public record Causation(String correlationId, UUID causationId) {

    /** The first event of a chain: it correlates with its own aggregate. */
    public static Causation root() {
        return new Causation(null, null);
    }

    public static Causation rootedAt(String correlationId) {
        return new Causation(correlationId, null);
    }

    public static Causation causedBy(EventEnvelope cause) {
        return new Causation(cause.correlationid() != null ? cause.correlationid() : cause.subject(), cause.id());
    }
}
