package dev.itsm.kit.outbox;

import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.messaging.Failures;
import dev.itsm.kit.messaging.KafkaClients;
import dev.itsm.kit.repository.PgNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka and removes them; replay comes from the topics.
 * <ul>
 *   <li>Wakes when rows commit (a statement trigger on the outbox sends NOTIFY), and looks anyway every
 *   {@code itsm.outbox.poll-interval} in case a notification was missed.</li>
 *   <li>One relay of a service publishes at a time: a pass claims up to a batch of rows, in id order, in one
 *   query that also takes a transaction-scoped advisory lock, so events of one aggregate leave in the order
 *   they were written at any replica count. It sends the batch with an idempotent producer, waits for the
 *   acknowledgements, and deletes what Kafka took in the same transaction. A crash between the
 *   acknowledgement and the commit re-sends; consumers' inboxes absorb the repeat.</li>
 *   <li>A row Kafka refuses for good (too large, invalid topic), or one that keeps failing while the rows
 *   around it are taken, is parked with its reason: it stays in the table for operators, counts in the
 *   {@code itsm.outbox.parked} gauge, and never holds back the rows behind it. When every send of a pass fails,
 *   the broker is away: nothing is parked and the relay backs off. A row refused before it left for a passing
 *   reason (no metadata while the broker is away) holds back the rows behind it until the next pass, so that no
 *   event of an aggregate overtakes an earlier one.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {
    public static final String NOTIFY_CHANNEL = "itsm_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key of "the outbox relay of this database". */
    private static final long RELAY_LOCK = 0x0B0C_0001L;
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    /** A row that fails this many passes while other rows go through is parked. */
    private static final int ATTEMPTS_BEFORE_PARKING = 5;

    private static final String CLAIM = """
            with relay as (select pg_try_advisory_xact_lock($1) as holder)
            select o.id, o.event_id, o.event_type, o.topic, o.record_key, o.payload, o.attempts
            from outbox o, relay
            where relay.holder and o.parked_at is null
            order by o.id
            limit $2
            for update of o skip locked""";

    private final Pool pool;
    private final KitConfig config;
    private final KafkaClients kafka;
    private final PgNotifications notifications;
    private final Counter published;
    private final AtomicLong parked = new AtomicLong();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile KafkaProducer<String, String> producer;
    private Thread relayThread;

    OutboxRelay(Pool pool, KitConfig config, KafkaClients kafka, PgNotifications notifications, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.kafka = kafka;
        this.notifications = notifications;
        this.published = Counter.builder("itsm.outbox.published").description("events published from the outbox")
                .register(registry);
        Gauge.builder("itsm.outbox.parked", parked, AtomicLong::get)
                .description("outbox rows that could not be published and wait for an operator").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        notifications.listen(NOTIFY_CHANNEL, ignored -> wakeUp());
        relayThread = new Thread(this::relayLoop, "outbox-relay");
        relayThread.setDaemon(true);
        relayThread.start();
    }

    /** Asks for a pass soon; many calls while a pass runs make one more pass. */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void relayLoop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero()) {
                    sleep(backoff);
                }
                wake.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                Pass pass;
                do {
                    pass = relayOnce();
                } while (running && pass.claimed() == config.outbox().batchSize() && pass.allSent());
                backoff = pass.allSent() ? Duration.ZERO : next(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = next(backoff);
                LOG.warnf("outbox relay paused for %s: %s", backoff, e.getMessage());
            }
        }
    }

    /** What one pass did: rows claimed, and whether every claimed row was published or parked. */
    record Pass(int claimed, boolean allSent) {
    }

    /** Claims, sends and removes one batch; package-private so tests can drive a pass. */
    Pass relayOnce() {
        SqlConnection connection = pool.getConnection().await().atMost(DB_TIMEOUT);
        Transaction tx = null;
        try {
            tx = connection.begin().await().atMost(DB_TIMEOUT);
            List<Row> rows = new ArrayList<>();
            connection.preparedQuery(CLAIM).execute(Tuple.of(RELAY_LOCK, config.outbox().batchSize()))
                    .await().atMost(DB_TIMEOUT).forEach(rows::add);
            if (rows.isEmpty()) {
                tx.rollback().await().atMost(DB_TIMEOUT);
                tx = null;
                return new Pass(0, true);
            }
            List<Throwable> outcomes = send(rows);
            List<Long> sent = new ArrayList<>();
            List<Long> park = new ArrayList<>();
            List<String> parkReasons = new ArrayList<>();
            List<Long> retry = new ArrayList<>();
            boolean holdingBack = false;
            for (int i = 0; i < rows.size(); i++) {
                Throwable failure = outcomes.get(i);
                long id = rows.get(i).getLong("id");
                if (failure == null) {
                    sent.add(id);
                } else if (failure instanceof HeldBack) {
                    holdingBack = true;
                } else if (!Failures.isTransient(failure) || rows.get(i).getInteger("attempts") + 1 >= ATTEMPTS_BEFORE_PARKING) {
                    park.add(id);
                    parkReasons.add(failure.getClass().getSimpleName() + ": " + failure.getMessage());
                } else {
                    retry.add(id);
                }
            }
            if (sent.isEmpty() && !retry.isEmpty()) {
                // Nothing went through: the broker is away, not these rows' fault. Count nothing, park nothing.
                tx.rollback().await().atMost(DB_TIMEOUT);
                tx = null;
                return new Pass(rows.size(), false);
            }
            if (!sent.isEmpty()) {
                connection.preparedQuery("delete from outbox where id = any($1)")
                        .execute(Tuple.of(sent.toArray(Long[]::new))).await().atMost(DB_TIMEOUT);
            }
            if (!park.isEmpty()) {
                connection.preparedQuery("""
                                update outbox set parked_at = now(), park_reason = x.reason, attempts = attempts + 1
                                from unnest($1::bigint[], $2::text[]) as x(id, reason) where outbox.id = x.id""")
                        .execute(Tuple.of(park.toArray(Long[]::new), parkReasons.toArray(String[]::new))).await().atMost(DB_TIMEOUT);
                LOG.errorf("parked %d outbox row(s) that cannot be published, first: %s", park.size(), parkReasons.get(0));
            }
            if (!retry.isEmpty()) {
                connection.preparedQuery("update outbox set attempts = attempts + 1 where id = any($1)")
                        .execute(Tuple.of(retry.toArray(Long[]::new))).await().atMost(DB_TIMEOUT);
            }
            tx.commit().await().atMost(DB_TIMEOUT);
            tx = null;
            published.increment(sent.size());
            if (!park.isEmpty()) {
                parked.addAndGet(park.size());
            }
            return new Pass(rows.size(), retry.isEmpty() && !holdingBack);
        } finally {
            if (tx != null) {
                try {
                    tx.rollback().await().atMost(DB_TIMEOUT);
                } catch (RuntimeException ignored) {
                    // the connection is closed below; PostgreSQL rolls back on its own
                }
            }
            connection.close().await().atMost(DB_TIMEOUT);
        }
    }

    /** Sends every row and waits for all answers; the failure of each row, or null where Kafka took it. */
    private List<Throwable> send(List<Row> rows) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.getString("topic"), row.getString("record_key"),
                    row.getString("payload"));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", row.getString("event_type").getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", row.getUUID("event_id").toString().getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return handOver(producer(), records, config.outbox().sendTimeout());
    }

    /**
     * Hands the records to Kafka in order and waits for every answer until the timeout: the failure of each, or null.
     * Kafka keeps the order of what it was handed, not of what it refused: once a record is refused for a passing
     * reason (no metadata while the broker is away), the records behind it are held back for the next pass, or
     * those handed over after the broker came back would overtake it.
     */
    static List<Throwable> handOver(Producer<String, String> kafka, List<ProducerRecord<String, String>> records, Duration timeout) {
        List<CompletableFuture<Throwable>> answers = new ArrayList<>(records.size());
        Throwable refused = null;
        for (ProducerRecord<String, String> record : records) {
            CompletableFuture<Throwable> answer = new CompletableFuture<>();
            answers.add(answer);
            if (refused != null) {
                answer.complete(new HeldBack(refused));
                continue;
            }
            try {
                kafka.send(record, (metadata, failure) -> answer.complete(failure));
            } catch (RuntimeException e) {
                answer.complete(e);
            }
            // Refused before it left: thrown, or called back within send() (e.g. no metadata in time, too large).
            Throwable failure = answer.getNow(null);
            if (failure != null && Failures.isTransient(failure)) {
                refused = failure;
            }
        }
        kafka.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Throwable> outcomes = new ArrayList<>(records.size());
        for (CompletableFuture<Throwable> answer : answers) {
            try {
                outcomes.add(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            } catch (Exception e) {
                outcomes.add(e);
            }
        }
        return outcomes;
    }

    /** A record not handed to Kafka in this pass because one before it was refused; it was not tried, so it counts no attempt. */
    static final class HeldBack extends org.apache.kafka.common.errors.RetriableException {
        HeldBack(Throwable refusal) {
            super("held back behind a record Kafka refused: " + refusal.getMessage());
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    int timeout = (int) config.outbox().sendTimeout().toMillis();
                    producer = new KafkaProducer<>(kafka.with(Map.ofEntries(
                            Map.entry(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-outbox"),
                            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                            Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                            Map.entry(ProducerConfig.LINGER_MS_CONFIG, 2),
                            Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                            Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(10_000, timeout)),
                            Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout),
                            Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(15_000, timeout)),
                            Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()),
                            Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))));
                }
            }
        }
        return producer;
    }

    /** Keeps the parked gauge true to the table, whoever parked or re-drove rows. */
    @Scheduled(every = "30s", delayed = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> countParked() {
        return pool.preparedQuery("select count(*) from outbox where parked_at is not null").execute()
                .invoke(rows -> parked.set(rows.iterator().next().getLong(0)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (relayThread != null) {
            try {
                relayThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2);
        return doubled.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : doubled;
    }

    private static void sleep(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
    }
}
