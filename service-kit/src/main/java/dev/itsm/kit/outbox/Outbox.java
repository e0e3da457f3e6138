package dev.itsm.kit.outbox;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.Causation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * The only way a service publishes: the event is inserted into the outbox in the caller's transaction,
 * so it exists if and only if the domain change committed. {@link OutboxRelay} sends it afterwards.
 */
@ApplicationScoped
public class Outbox {
    private final EventCodec codec;
    private final KitConfig config;
    private final Clock clock;

    Outbox(EventCodec codec, KitConfig config, Clock clock) {
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Records an event for publication. Must run inside a transaction ({@code @WithTransaction} or
     * {@code Panache.withTransaction}). The topic comes from the type; the record key is the subject
     * (the aggregate id), so one aggregate's events stay in order on one partition.
     */
    public Uni<EventEnvelope> publish(String type, String subject, Object payload, Causation causation) {
        EventTypes.Binding binding = EventTypes.binding(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        if (!binding.payload().isInstance(payload)) {
            throw new IllegalArgumentException(type + " carries " + binding.payload().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
        EventEnvelope envelope = codec.envelope(type, config.serviceName(), subject, clock.instant(),
                causation.correlationId(), causation.causationId(), payload);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outbox (event_id, event_type, topic, record_key, lane, payload)
                        values (:eventId, :type, :topic, :key, :lane, :payload)""")
                .setParameter("eventId", envelope.id())
                .setParameter("type", type)
                .setParameter("topic", binding.topic())
                .setParameter("key", subject)
                .setParameter("lane", (short) lane(subject, config.outbox().lanes()))
                .setParameter("payload", codec.write(envelope))
                .executeUpdate())
                .replaceWith(envelope);
    }

    static int lane(String key, int lanes) {
        return Math.floorMod(key.hashCode(), lanes);
    }
}
