package dev.itsm.kit.inbox;

import dev.itsm.kit.config.KitConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Remembers which events a consumer has processed, in the same transaction as the effect. An entry is
 * kept for {@code itsm.inbox.retention} (longer than the topics keep records, so a redelivery or a replay
 * from the start of a topic still finds it) and then pruned, so the table stays bounded. A key seen again
 * after its entry's window (a webhook body re-sent much later) counts as a first delivery.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final int PRUNE_CHUNK = 10_000;

    private final KitConfig config;
    private final Pool pool;

    Inbox(KitConfig config, Pool pool) {
        this.config = config;
        this.pool = pool;
    }

    /**
     * True the first time (consumer, event) is seen in a committed transaction; false for a redelivery.
     * Must run inside the Hibernate Reactive transaction that applies the effect.
     */
    public Uni<Boolean> firstDelivery(String consumer, String eventKey) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into inbox (consumer, event_key) values (:consumer, :eventKey)
                        on conflict (consumer, event_key) do update set processed_at = now()
                        where inbox.processed_at < now() - make_interval(secs => :window)""")
                .setParameter("consumer", consumer)
                .setParameter("eventKey", eventKey)
                .setParameter("window", (double) config.inbox().retention().toSeconds())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The keys seen for the first time (within the retention window), in one statement on the caller's transaction. */
    public Uni<Set<String>> firstDeliveries(SqlConnection tx, String consumer, List<String> keys) {
        return firstDeliveries(tx, consumer, keys, config.inbox().retention());
    }

    /** As above with a shorter window, e.g. for webhook bodies that a sender re-sends when it gets no answer. */
    public Uni<Set<String>> firstDeliveries(SqlConnection tx, String consumer, List<String> keys, Duration window) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // Distinct and sorted: one statement may not touch a row twice, and a stable order keeps replicas from deadlocking.
        String[] distinct = keys.stream().distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery("""
                        insert into inbox (consumer, event_key)
                        select $1, k from unnest($2::text[]) as k
                        on conflict (consumer, event_key) do update set processed_at = now()
                        where inbox.processed_at < now() - make_interval(secs => $3)
                        returning event_key""")
                .execute(Tuple.of(consumer, distinct, (double) window.toSeconds()))
                .map(rows -> {
                    Set<String> first = new HashSet<>();
                    for (Row row : rows) {
                        first.add(row.getString(0));
                    }
                    return first;
                });
    }

    /** Removes entries past the retention window in small chunks, so that pruning never holds long locks. */
    @Scheduled(every = "${itsm.inbox.prune-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return pool.preparedQuery("""
                        delete from inbox where ctid = any(array(
                            select ctid from inbox where processed_at < now() - make_interval(secs => $1) limit $2))""")
                .execute(Tuple.of((double) config.inbox().retention().toSeconds(), PRUNE_CHUNK))
                .chain(result -> {
                    if (result.rowCount() == PRUNE_CHUNK) {
                        return prune();
                    }
                    if (result.rowCount() > 0) {
                        LOG.debugf("pruned %d inbox entries", result.rowCount());
                    }
                    return Uni.createFrom().voidItem();
                });
    }
}
