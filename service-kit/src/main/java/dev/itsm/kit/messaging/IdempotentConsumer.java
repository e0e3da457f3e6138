package dev.itsm.kit.messaging;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.Topics;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.directory.DirectoryCatchUp;
import dev.itsm.kit.inbox.ConsumerOffsets;
import dev.itsm.kit.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every consumer processes what it polls, exactly once, whatever fails:
 * <ul>
 *   <li>Each record is parsed once. One that can never be processed (malformed, a rule refuses it, an event
 *   from a service that does not own the topic) goes alone to the dead-letter topic with its reason, after the
 *   rest of its batch has committed.</li>
 *   <li>The effects and the record of what was processed commit in one transaction: an inbox row per event id
 *   for event topics ({@link #eventBatch}, {@link #eachEvent}), the partition offsets for high-volume
 *   record topics ({@link #recordBatch}). A redelivered record changes nothing.</li>
 *   <li>A transient failure (database or broker unreachable) is retried with capped exponential back-off for as
 *   long as it lasts; the offset is not committed, the partition stops being fed while its buffer is full, and
 *   {@link ConsumerHealth} reports why. A lost race is retried a bounded number of times. A batch that fails
 *   for a reason a retry cannot fix is split, so that only the bad record is parked.</li>
 * </ul>
 * Every consumer except the directory copy's own waits until this service's copy of the directory has caught
 * up, because events are routed by who holds which role.
 */
@ApplicationScoped
public class IdempotentConsumer {
    /** One processable record and what it parsed into. */
    public record Consumed<T>(ConsumerRecord<String, String> record, T value) {
    }

    /** Applies a batch of first deliveries inside the caller's transaction, with set-based SQL. */
    @FunctionalInterface
    public interface BatchHandler<T> {
        Uni<Void> apply(SqlConnection tx, List<Consumed<T>> batch);
    }

    /** Parses a record's value; throws for a value that can never be processed. */
    @FunctionalInterface
    public interface RecordParser<T> {
        T parse(ConsumerRecord<String, String> record) throws Exception;
    }

    private enum Dedup { EVENT_ID, OFFSET }

    /** Set by {@link DeadLetterOperations} on a dead letter it re-drives: the operator who asked. */
    public static final String REDRIVEN_BY = "itsm-redriven-by";

    private static final String RECORD_REDRIVE = """
            insert into dead_letter_redrive (topic, partition, "offset", consumer, redriven_by, outcome)
            values ($1, $2, $3, $4, $5, 'PROCESSED') on conflict do nothing""";

    private final EventCodec codec;
    private final Inbox inbox;
    private final ConsumerOffsets offsets;
    private final DeadLetters deadLetters;
    private final ConsumerHealth health;
    private final Pool pool;
    private final KitConfig config;
    private final MeterRegistry registry;
    private final Instance<DirectoryCatchUp> directory;
    private volatile boolean stopping;

    // Both health beans carry the @Readiness qualifier, so they are injected with it.
    IdempotentConsumer(EventCodec codec, Inbox inbox, ConsumerOffsets offsets, DeadLetters deadLetters,
                       @Readiness ConsumerHealth health, Pool pool, KitConfig config, MeterRegistry registry,
                       @Readiness Instance<DirectoryCatchUp> directory) {
        this.codec = codec;
        this.inbox = inbox;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
        this.health = health;
        this.pool = pool;
        this.config = config;
        this.registry = registry;
        this.directory = directory;
    }

    void onStop(@Observes ShutdownEvent event) {
        // Stop retrying: an unfinished batch is left uncommitted for the next owner of its partitions.
        stopping = true;
    }

    // ---- the three ways to consume ----

    /**
     * Suite events, each in its own Hibernate Reactive transaction, in poll order: for consumers whose work
     * per event is small and rare (a resolved problem drafting a change, an implemented change closing a
     * problem). Events of other types than {@code types} are passed over without touching the database.
     */
    public Uni<Void> eachEvent(String consumer, ConsumerRecords<String, String> records, Set<String> types,
                               Function<EventEnvelope, Uni<Void>> handler) {
        return afterDirectoryCaughtUp(() -> Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> eachEvent(consumer, record, types, handler))
                .collect().last().replaceWithVoid());
    }

    /** The directory copy's own consumer: the one that must not wait for the directory. */
    public Uni<Void> eachDirectoryEvent(String consumer, ConsumerRecords<String, String> records,
                                        Function<EventEnvelope, Uni<Void>> handler) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> eachEvent(consumer, record, null, handler))
                .collect().last().replaceWithVoid();
    }

    /**
     * Suite events, a whole poll in one transaction: for high-volume consumers with set-based handlers. Events of
     * other types than {@code types} are read (a malformed one is still parked) and passed over without touching
     * the database.
     */
    public Uni<Void> eventBatch(String consumer, ConsumerRecords<String, String> records, Set<String> types,
                                BatchHandler<EventEnvelope> handler) {
        return afterDirectoryCaughtUp(() -> batch(consumer, records, this::envelope, Dedup.EVENT_ID, handler, types));
    }

    /**
     * Records that are not suite events (alerts in the formats monitoring tools write), a whole poll in one
     * transaction, exactly once by partition offset.
     */
    public <T> Uni<Void> recordBatch(String consumer, ConsumerRecords<String, String> records, RecordParser<T> parser,
                                     BatchHandler<T> handler) {
        return afterDirectoryCaughtUp(() -> batch(consumer, records, parser, Dedup.OFFSET, handler, null));
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

    public String serviceName() {
        return config.serviceName();
    }

    public EventCodec codec() {
        return codec;
    }

    // ---- one event at a time ----

    private Uni<Void> eachEvent(String consumer, ConsumerRecord<String, String> record, Set<String> types,
                                Function<EventEnvelope, Uni<Void>> handler) {
        if (redrivenBy(record) != null) {
            return redrive(consumer, record, this::envelope, Dedup.EVENT_ID, null, handler);
        }
        EventEnvelope envelope;
        try {
            envelope = envelope(record);
        } catch (RuntimeException e) {
            return park(consumer, record, e);
        }
        if (types != null && !types.contains(envelope.type())) {
            // Not this consumer's business: no transaction, no inbox row.
            return Uni.createFrom().voidItem();
        }
        // Hibernate Reactive must run on the record's Vert.x context, also when a retry resubscribes from a timer thread.
        Context context = Vertx.currentContext();
        Uni<Void> attempt = Uni.createFrom().deferred(() -> Panache.withTransaction(() -> inbox.firstDelivery(consumer, envelope.id().toString())
                .chain(first -> {
                    if (!first) {
                        registry.counter("itsm.inbox.redeliveries", "consumer", consumer).increment();
                        return Uni.createFrom().voidItem();
                    }
                    return handler.apply(envelope);
                })));
        if (context != null) {
            attempt = attempt.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return withRetries(consumer, attempt)
                .invoke(() -> processed(consumer, 1))
                .onFailure(this::cannotPass).recoverWithUni(failure -> park(consumer, record, failure));
    }

    // ---- whole polls ----

    private <T> Uni<Void> batch(String consumer, ConsumerRecords<String, String> records, RecordParser<T> parser, Dedup dedup,
                                BatchHandler<T> handler, Set<String> types) {
        if (records.count() == 1 && redrivenBy(records.iterator().next()) != null) {
            return redrive(consumer, records.iterator().next(), parser, dedup, handler, null);
        }
        List<Consumed<T>> items = new ArrayList<>(records.count());
        List<Uni<Void>> poison = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                T value = parser.parse(record);
                if (types == null || types.contains(((EventEnvelope) value).type())) {
                    items.add(new Consumed<>(record, value));
                }
            } catch (Exception e) {
                poison.add(Uni.createFrom().deferred(() -> park(consumer, record, e)));
            }
        }
        // Parked after the good records have committed, so that the bad one never holds the good ones back.
        return applyOrSplit(consumer, items, dedup, handler)
                .chain(() -> Multi.createFrom().iterable(poison).onItem().transformToUniAndConcatenate(p -> p)
                        .collect().last().replaceWithVoid());
    }

    private <T> Uni<Void> applyOrSplit(String consumer, List<Consumed<T>> items, Dedup dedup, BatchHandler<T> handler) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> attempt = Uni.createFrom().deferred(() -> pool.withTransaction(tx -> apply(tx, consumer, items, dedup, handler)));
        return withRetries(consumer, attempt)
                .invoke(() -> processed(consumer, items.size()))
                .onFailure(this::cannotPass).recoverWithUni(failure -> {
                    if (items.size() == 1) {
                        return park(consumer, items.get(0).record(), failure);
                    }
                    // Which record is bad is unknown: apply them one by one, in order, so that only it is parked.
                    registry.counter("itsm.consumer.batch.split", "consumer", consumer).increment();
                    return Multi.createFrom().iterable(items)
                            .onItem().transformToUniAndConcatenate(item -> applyOrSplit(consumer, List.of(item), dedup, handler))
                            .collect().last().replaceWithVoid();
                });
    }

    private <T> Uni<Void> apply(SqlConnection tx, String consumer, List<Consumed<T>> items, Dedup dedup, BatchHandler<T> handler) {
        if (dedup == Dedup.EVENT_ID) {
            List<String> ids = items.stream().map(item -> ((EventEnvelope) item.value()).id().toString()).toList();
            return inbox.firstDeliveries(tx, consumer, ids).chain(first -> {
                // An event twice in one poll (the relay re-sent it) is applied once.
                Set<String> seen = new java.util.HashSet<>();
                List<Consumed<T>> fresh = items.stream()
                        .filter(item -> {
                            String id = ((EventEnvelope) item.value()).id().toString();
                            return first.contains(id) && seen.add(id);
                        }).toList();
                redelivered(consumer, items.size() - fresh.size());
                return fresh.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(tx, fresh);
            });
        }
        List<TopicPartition> partitions = items.stream()
                .map(item -> new TopicPartition(item.record().topic(), item.record().partition())).distinct().toList();
        return offsets.lock(tx, consumer, partitions).chain(next -> {
            List<Consumed<T>> fresh = items.stream()
                    .filter(item -> item.record().offset() >= next.getOrDefault(
                            new TopicPartition(item.record().topic(), item.record().partition()), 0L))
                    .toList();
            redelivered(consumer, items.size() - fresh.size());
            Map<TopicPartition, Long> advanced = new HashMap<>();
            for (Consumed<T> item : items) {
                advanced.merge(new TopicPartition(item.record().topic(), item.record().partition()), item.record().offset() + 1, Math::max);
            }
            return (fresh.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(tx, fresh))
                    .chain(() -> offsets.advance(tx, consumer, advanced));
        });
    }

    // ---- dead letters re-driven by an operator ----

    /**
     * Processes one dead letter again, exactly once per dead letter: the re-drive is recorded in the transaction
     * of its effect. Failures go back to the operator, and the record stays where it is. Handlers that work
     * through Hibernate Reactive pass {@code eventHandler}, set-based ones {@code batchHandler}.
     */
    private <T> Uni<Void> redrive(String consumer, ConsumerRecord<String, String> record, RecordParser<T> parser, Dedup dedup,
                                  BatchHandler<T> batchHandler, Function<EventEnvelope, Uni<Void>> eventHandler) {
        T value;
        try {
            value = parser.parse(record);
        } catch (Exception e) {
            return Uni.createFrom().failure(new Failures.DeterministicFailure("the record still cannot be read: " + e.getMessage(), e));
        }
        Tuple redrive = Tuple.of(record.topic(), record.partition(), record.offset(), consumer, redrivenBy(record));
        if (eventHandler != null) {
            EventEnvelope envelope = (EventEnvelope) value;
            return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                    insert into dead_letter_redrive (topic, partition, "offset", consumer, redriven_by, outcome)
                                    values (:topic, :partition, :offset, :consumer, :by, 'PROCESSED') on conflict do nothing""")
                            .setParameter("topic", record.topic()).setParameter("partition", record.partition())
                            .setParameter("offset", record.offset()).setParameter("consumer", consumer)
                            .setParameter("by", redrivenBy(record)).executeUpdate())
                    .chain(recorded -> recorded == 0 ? Uni.createFrom().voidItem()
                            : inbox.firstDelivery(consumer, envelope.id().toString())
                            .chain(first -> first ? eventHandler.apply(envelope) : Uni.createFrom().voidItem())));
        }
        Consumed<T> item = new Consumed<>(record, value);
        return pool.withTransaction(tx -> tx.preparedQuery(RECORD_REDRIVE).execute(redrive).chain(recorded -> {
            if (recorded.rowCount() == 0) {
                return Uni.createFrom().voidItem();
            }
            if (dedup == Dedup.EVENT_ID) {
                return inbox.firstDeliveries(tx, consumer, List.of(((EventEnvelope) value).id().toString()))
                        .chain(first -> first.isEmpty() ? Uni.createFrom().voidItem() : batchHandler.apply(tx, List.of(item)));
            }
            // Offsets cannot tell a re-drive from a redelivery; the re-drive record above keeps it exactly once.
            return batchHandler.apply(tx, List.of(item));
        }));
    }

    private static String redrivenBy(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(REDRIVEN_BY);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- failures ----

    /**
     * Retries a transient failure for as long as it lasts (unless the service is stopping), a lost race a
     * bounded number of times, and an unexpected failure a few times; what still fails reaches the caller.
     */
    private Uni<Void> withRetries(String consumer, Uni<Void> attempt) {
        return attempt
                .onFailure().invoke(failure -> health.retrying(consumer, failure))
                .onFailure(failure -> !stopping && Failures.classify(failure) == Failures.Kind.TRANSIENT)
                .retry().withBackOff(config.consumer().firstBackoff(), config.consumer().maxBackoff()).withJitter(0.2).indefinitely()
                .onFailure(failure -> !stopping && Failures.classify(failure) == Failures.Kind.CONTENDED)
                .retry().withBackOff(config.consumer().firstBackoff(), config.consumer().maxBackoff()).withJitter(0.5)
                .atMost(config.consumer().contendedAttempts() - 1L)
                .onFailure(failure -> !stopping && Failures.classify(failure) == Failures.Kind.UNEXPECTED)
                .retry().withBackOff(config.consumer().firstBackoff(), config.consumer().maxBackoff())
                .atMost(config.consumer().unexpectedAttempts() - 1L)
                .onItemOrFailure().invoke((ignored, failure) -> {
                    if (failure == null || !Failures.isTransient(failure)) {
                        health.recovered(consumer);
                    }
                });
    }

    /** After retries: everything but a transient failure (the service is stopping) is the record's own fault. */
    private boolean cannotPass(Throwable failure) {
        return !stopping && Failures.classify(failure) != Failures.Kind.TRANSIENT;
    }

    private Uni<Void> park(String consumer, ConsumerRecord<String, String> record, Throwable reason) {
        registry.counter("itsm.consumer.poison", "consumer", consumer).increment();
        return withRetries(consumer + ".dead-letters", deadLetters.park(consumer, record, reason));
    }

    // ---- parsing ----

    private EventEnvelope envelope(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = codec.read(record.value());
        Topics.owner(record.topic()).ifPresent(owner -> {
            if (!owner.equals(envelope.source())) {
                throw new Failures.DeterministicFailure("event " + envelope.id() + " on " + record.topic() + " comes from '"
                        + envelope.source() + "'; only " + owner + " publishes there");
            }
        });
        return envelope;
    }

    private void processed(String consumer, int count) {
        registry.counter("itsm.consumer.processed", "consumer", consumer).increment(count);
    }

    private void redelivered(String consumer, int count) {
        if (count > 0) {
            registry.counter("itsm.inbox.redeliveries", "consumer", consumer).increment(count);
        }
    }
}
