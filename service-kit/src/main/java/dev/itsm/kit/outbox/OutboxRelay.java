package dev.itsm.kit.outbox;

import dev.itsm.kit.config.KitConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka. At any replica count: a replica takes a lane with a
 * transaction-scoped advisory lock, claims that lane's rows with FOR UPDATE SKIP LOCKED in id order,
 * sends them with an idempotent producer, waits for the acks and marks them published in the same
 * transaction. A crash between ack and commit re-sends; consumers' inboxes absorb the repeat.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** First key of the advisory lock pair: the outbox's namespace; the lane is the second key. */
    private static final int LOCK_NAMESPACE = 0x0B0C;
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final KitConfig config;
    private final Counter published;
    private volatile KafkaProducer<String, String> producer;
    private ScheduledExecutorService relayThread;

    OutboxRelay(Pool pool, KitConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.published = Counter.builder("itsm.outbox.published").description("events published from the outbox")
                .register(registry);
    }

    /**
     * One relay thread per replica. Quarkus' scheduler does not go below one second, and an outbox should
     * publish within a fraction of that, so the relay keeps its own single-threaded loop.
     */
    void onStart(@Observes StartupEvent event) {
        relayThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.outbox().pollInterval().toMillis();
        relayThread.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    void tick() {
        List<Integer> lanes;
        try {
            // One cheap query while idle instead of a transaction per lane.
            lanes = new ArrayList<>();
            pool.preparedQuery("select distinct lane from outbox where published_at is null")
                    .execute().await().atMost(DB_TIMEOUT)
                    .forEach(row -> lanes.add((int) row.getShort("lane")));
        } catch (RuntimeException e) {
            LOG.warnf("outbox not read, will retry: %s", e.getMessage());
            return;
        }
        java.util.Collections.shuffle(lanes);
        for (int lane : lanes) {
            try {
                while (drainLane(lane) == config.outbox().batchSize()) {
                    // a full batch: more rows are waiting in this lane
                }
            } catch (RuntimeException e) {
                LOG.warnf("outbox lane %d not drained, will retry: %s", lane, e.getMessage());
                return;
            }
        }
    }

    /** Sends one batch of one lane; returns how many rows were published. */
    int drainLane(int lane) {
        SqlConnection connection = pool.getConnection().await().atMost(DB_TIMEOUT);
        Transaction tx = null;
        try {
            tx = connection.begin().await().atMost(DB_TIMEOUT);
            boolean locked = connection.preparedQuery("select pg_try_advisory_xact_lock($1, $2) as locked")
                    .execute(Tuple.of(LOCK_NAMESPACE, lane)).await().atMost(DB_TIMEOUT)
                    .iterator().next().getBoolean("locked");
            if (!locked) {
                tx.rollback().await().atMost(DB_TIMEOUT);
                return 0;
            }
            List<Row> rows = new ArrayList<>();
            connection.preparedQuery("""
                            select id, event_id, event_type, topic, record_key, payload from outbox
                            where published_at is null and lane = $1
                            order by id limit $2 for update skip locked""")
                    .execute(Tuple.of(lane, config.outbox().batchSize())).await().atMost(DB_TIMEOUT)
                    .forEach(rows::add);
            if (rows.isEmpty()) {
                tx.rollback().await().atMost(DB_TIMEOUT);
                return 0;
            }
            send(rows);
            Long[] ids = rows.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
            connection.preparedQuery("update outbox set published_at = now() where id = any($1)")
                    .execute(Tuple.of(ids)).await().atMost(DB_TIMEOUT);
            tx.commit().await().atMost(DB_TIMEOUT);
            tx = null;
            published.increment(rows.size());
            return rows.size();
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

    private void send(List<Row> rows) {
        KafkaProducer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.getString("topic"), row.getString("record_key"),
                    row.getString("payload"));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", row.getString("event_type").getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", row.getUUID("event_id").toString().getBytes(StandardCharsets.UTF_8));
            acks.add(kafka.send(record));
        }
        long timeoutMs = config.outbox().sendTimeout().toMillis();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge an outbox record: " + e.getMessage(), e);
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap(),
                            ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-outbox",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.LINGER_MS_CONFIG, 5,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, config.outbox().sendTimeout().toMillis(),
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.outbox().sendTimeout().toMillis(),
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(15_000, (int) config.outbox().sendTimeout().toMillis()),
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
                }
            }
        }
        return producer;
    }

    /** Published rows are kept for a while for inspection, then removed. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgePublished() {
        pool.preparedQuery("delete from outbox where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.outbox().retention().toSeconds())).await().atMost(DB_TIMEOUT);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (relayThread != null) {
            relayThread.shutdown();
            try {
                relayThread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
