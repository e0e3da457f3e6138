package dev.itsm.kit.messaging;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.MalformedEventException;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.directory.DirectoryCatchUp;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every consumer processes a record: parse, then in one transaction record the event in the inbox
 * and apply the effect. A redelivered event is skipped. A record that can never succeed (malformed, or
 * refused by a domain rule) fails at once, so the channel's dead-letter strategy parks it and the
 * consumer moves on; anything else (a lost connection, a lost uniqueness race) is retried with back-off
 * before it too is parked.
 */
@ApplicationScoped
public class IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final EventCodec codec;
    private final Inbox inbox;
    private final KitConfig config;
    private final MeterRegistry registry;
    private final Instance<DirectoryCatchUp> directory;

    IdempotentConsumer(EventCodec codec, Inbox inbox, KitConfig config, MeterRegistry registry,
                       Instance<DirectoryCatchUp> directory) {
        this.codec = codec;
        this.inbox = inbox;
        this.config = config;
        this.registry = registry;
        this.directory = directory;
    }

    /**
     * Processes a CloudEvents record once per consumer, after this service's copy of the directory has caught
     * up (events are routed by roles and groups); the handler runs inside the transaction.
     */
    public Uni<Void> onEvent(String consumer, String record, Function<EventEnvelope, Uni<Void>> handler) {
        return afterDirectoryCaughtUp(() -> process(consumer, record, handler));
    }

    /** The directory copy's own consumer: the one that must not wait for the directory. */
    public Uni<Void> onDirectoryEvent(String consumer, String record, Function<EventEnvelope, Uni<Void>> handler) {
        return process(consumer, record, handler);
    }

    /**
     * Runs the work once the directory copy has caught up, on the caller's Vert.x context; at once when it has
     * (always, in directory-service, which keeps no copy).
     */
    public <T> Uni<T> afterDirectoryCaughtUp(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (directory.isUnsatisfied() || directory.get().isCaughtUp()) {
                return work.get();
            }
            Context context = Vertx.currentContext();
            Uni<Void> caughtUp = directory.get().awaitCaughtUp();
            if (context != null) {
                caughtUp = caughtUp.emitOn(task -> context.runOnContext(ignored -> task.run()));
            }
            return caughtUp.chain(ignored -> work.get());
        });
    }

    private Uni<Void> process(String consumer, String record, Function<EventEnvelope, Uni<Void>> handler) {
        EventEnvelope envelope;
        try {
            envelope = codec.read(record);
        } catch (MalformedEventException e) {
            return poison(consumer, e);
        }
        return once(consumer, envelope.id().toString(), () -> handler.apply(envelope));
    }

    /** Processes any unit of work once per (consumer, key); for inputs that are not envelopes (raw alerts). */
    public Uni<Void> once(String consumer, String eventKey, Supplier<Uni<Void>> effect) {
        // Hibernate Reactive must run on the record's Vert.x context; a retry after a back-off delay would
        // otherwise resubscribe on a timer thread.
        Context context = Vertx.currentContext();
        Uni<Void> attempt = Uni.createFrom().deferred(() -> Panache.withTransaction(() -> inbox.firstDelivery(consumer, eventKey)
                .chain(first -> {
                    if (!first) {
                        registry.counter("itsm.inbox.redeliveries", "consumer", consumer).increment();
                        return Uni.createFrom().voidItem();
                    }
                    return effect.get();
                })));
        if (context != null) {
            attempt = attempt.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return attempt
                .onFailure(IdempotentConsumer::mayPass)
                .retry().withBackOff(config.consumer().firstBackoff()).atMost(config.consumer().attempts() - 1L)
                .onFailure().invoke(e -> LOG.warnf("%s gives up on %s, sending it to the dead-letter topic: %s",
                        consumer, eventKey, e.getMessage()))
                .onItem().invoke(() -> registry.counter("itsm.consumer.processed", "consumer", consumer).increment());
    }

    public String serviceName() {
        return config.serviceName();
    }

    public EventCodec codec() {
        return codec;
    }

    private Uni<Void> poison(String consumer, RuntimeException e) {
        registry.counter("itsm.consumer.poison", "consumer", consumer).increment();
        LOG.warnf("%s received a record it can never process, sending it to the dead-letter topic: %s", consumer, e.getMessage());
        return Uni.createFrom().failure(e);
    }

    /** Failures that a retry cannot fix go straight to the dead-letter topic. */
    static boolean mayPass(Throwable failure) {
        return !(failure instanceof MalformedEventException) && !(failure instanceof ApiProblem)
                && !(failure instanceof IllegalArgumentException);
    }
}
