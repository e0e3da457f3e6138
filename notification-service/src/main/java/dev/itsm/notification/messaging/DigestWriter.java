package dev.itsm.notification.messaging;

import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.domain.Digests;
import dev.itsm.notification.domain.NotificationPreference;
import dev.itsm.notification.repository.DeliveryRepository;
import dev.itsm.notification.repository.NotificationStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the digests that are due: for each person, everything held back since their last digest, grouped by
 * record, as one message per channel it was held back on, queued like any other delivery. Claimed with SKIP
 * LOCKED in the same transaction that writes the digest, so a digest is written once even with many replicas and
 * survives a crash. A digest that falls into the person's quiet hours waits for their end.
 */
@ApplicationScoped
public class DigestWriter {
    private static final int PEOPLE_PER_ROUND = 20;

    private final DeliveryRepository deliveries;
    private final NotificationStore store;
    private final NotificationConfig config;
    private final Clock clock;

    DigestWriter(DeliveryRepository deliveries, NotificationStore store, NotificationConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** Writes the due digests; returns how many digest messages were queued. */
    public Uni<Integer> writeDue() {
        return deliveries.pool().withTransaction(connection -> deliveries.claimDueDigests(connection, PEOPLE_PER_ROUND)
                .chain(people -> Multi.createFrom().iterable(people)
                        .onItem().transformToUniAndConcatenate(person -> digest(connection, person))
                        .collect().asList()
                        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())))
                .call(queued -> queued > 0
                        ? deliveries.pool().preparedQuery("select pg_notify($1, '')").execute(Tuple.of(NotificationStore.DELIVERY_CHANNEL))
                        : Uni.createFrom().voidItem());
    }

    private Uni<Integer> digest(SqlConnection connection, String personId) {
        return quietUntil(connection, personId).chain(quiet -> {
            if (quiet.isPresent()) {
                return deliveries.postponeDigest(connection, personId, quiet.get()).replaceWith(0);
            }
            UUID digestId = UUID.randomUUID();
            return deliveries.takeHeld(connection, personId, digestId).chain(held -> {
                Map<String, List<Digests.Item>> byChannel = new LinkedHashMap<>();
                held.forEach(h -> byChannel.computeIfAbsent(h.channel(), k -> new java.util.ArrayList<>()).add(h.item()));
                return Multi.createFrom().iterable(byChannel.entrySet()).onItem().transformToUniAndConcatenate(channel -> {
                    Digests.Text text = Digests.compose(channel.getValue(), config.throttle().digestRecords());
                    Uni<List<NotificationStore.Target>> targets = "EMAIL".equals(channel.getKey())
                            ? deliveries.email(connection, personId).map(email -> email.map(e -> List.of(new NotificationStore.Target(null, e)))
                            .orElse(List.of()))
                            : deliveries.webhookTargets(connection, personId);
                    return targets.chain(to -> deliveries.insertDigest(connection, UUID.randomUUID(), digestId, personId,
                            channel.getKey(), text, to)).replaceWith(1);
                }).collect().asList().map(List::size);
            });
        });
    }

    private Uni<Optional<Instant>> quietUntil(SqlConnection connection, String personId) {
        return connection.preparedQuery("select time_zone, quiet_from, quiet_to, channels from notification_preference where person_id = $1")
                .execute(Tuple.of(personId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    NotificationPreference stored = new NotificationPreference();
                    stored.personId = personId;
                    stored.timeZone = row.getString("time_zone");
                    stored.quietFrom = row.getLocalTime("quiet_from");
                    stored.quietTo = row.getLocalTime("quiet_to");
                    stored.channels = row.getString("channels");
                    return store.preferences(stored).quietUntil(clock.instant());
                });
    }
}
