package dev.itsm.kit.outbox;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.Causation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The only way a service publishes: the event is inserted into the outbox in the caller's transaction,
 * so it exists if and only if the domain change committed. {@link OutboxRelay} sends it afterwards.
 * The topic comes from the type; the record key is the subject (the aggregate id), so one aggregate's
 * events stay in order on one partition.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT_MANY = """
            insert into outbox (event_id, event_type, topic, record_key, payload)
            select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])""";

    private final EventCodec codec;
    private final KitConfig config;
    private final Clock clock;

    Outbox(EventCodec codec, KitConfig config, Clock clock) {
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    /** One event, in the current Hibernate Reactive transaction ({@code @WithTransaction} or {@code Panache.withTransaction}). */
    public Uni<EventEnvelope> publish(String type, String subject, Object payload, Causation causation) {
        EventEnvelope envelope = envelope(type, subject, payload, causation);
        String topic = EventTypes.binding(type).orElseThrow().topic();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outbox (event_id, event_type, topic, record_key, payload)
                        values (:eventId, :type, :topic, :key, :payload)""")
                .setParameter("eventId", envelope.id())
                .setParameter("type", type)
                .setParameter("topic", topic)
                .setParameter("key", subject)
                .setParameter("payload", codec.write(envelope))
                .executeUpdate())
                .replaceWith(envelope);
    }

    /** An event waiting to be written with others, by {@link #publishAll}. */
    public record Pending(EventEnvelope envelope, String topic) {
    }

    /** Builds an event for {@link #publishAll}; checks the payload against the type's contract. */
    public Pending pending(String type, String subject, Object payload, Causation causation) {
        return new Pending(envelope(type, subject, payload, causation), EventTypes.binding(type).orElseThrow().topic());
    }

    /** Many events in one statement on the caller's transaction, in list order (which is publication order per aggregate). */
    public Uni<Void> publishAll(SqlConnection tx, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_MANY).execute(Tuple.of(
                        events.stream().map(e -> e.envelope().id()).toArray(UUID[]::new),
                        events.stream().map(e -> e.envelope().type()).toArray(String[]::new),
                        events.stream().map(Pending::topic).toArray(String[]::new),
                        events.stream().map(e -> e.envelope().subject()).toArray(String[]::new),
                        events.stream().map(e -> codec.write(e.envelope())).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private EventEnvelope envelope(String type, String subject, Object payload, Causation causation) {
        EventTypes.Binding binding = EventTypes.binding(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        if (!binding.payload().isInstance(payload)) {
            throw new IllegalArgumentException(type + " carries " + binding.payload().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
        return codec.envelope(type, config.serviceName(), subject, clock.instant(),
                causation.correlationId(), causation.causationId(), payload);
    }
}
