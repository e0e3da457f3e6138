package dev.itsm.notification.repository;

import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.notification.domain.Digests;
import dev.itsm.notification.domain.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The senders' side of the delivery rows, on the reactive client (no consumer transaction is involved). */
@ApplicationScoped
public class DeliveryRepository {
    private final Pool pool;

    DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** A delivery a sender has claimed, with what it needs to send it. */
    public record Claimed(UUID id, UUID notificationId, String channel, UUID endpointId, String target, int attempts,
                          UUID eventId, String eventType, String personId, String subject, String title, String body, String link,
                          String actions, String recordKind, String recordNumber, String serviceCode, String priority,
                          Instant createdAt, String secret, String previousSecret, Instant previousSecretExpiresAt,
                          Boolean endpointActive) {
    }

    /**
     * Claims up to {@code limit} due deliveries: locked with SKIP LOCKED so replicas take different rows, counted as an
     * attempt and moved past the lease in the same statement, so that a sender that dies leaves them due again.
     */
    public Uni<List<Claimed>> claim(int limit, Duration lease) {
        return pool.preparedQuery("""
                        with due as (
                            select d.id, d.notification_id, d.endpoint_id from delivery d
                            where d.due_at <= now() order by d.due_at limit $1 for update of d skip locked)
                        update delivery d set due_at = now() + make_interval(secs => $2), attempts = d.attempts + 1, updated_at = now()
                        from due join notification n on n.id = due.notification_id
                                 left join webhook_endpoint w on w.id = due.endpoint_id
                        where d.id = due.id
                        returning d.id, d.notification_id, d.channel, d.endpoint_id, d.target, d.attempts, n.event_id, n.event_type,
                                  n.person_id, n.subject, n.title, n.body, n.link, n.actions, n.record_kind, n.record_number,
                                  n.service_code, n.priority, n.created_at, w.secret, w.previous_secret, w.previous_secret_expires_at,
                                  w.active""")
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getUUID("id"), r.getUUID("notification_id"), r.getString("channel"),
                                r.getUUID("endpoint_id"), r.getString("target"), r.getInteger("attempts"), r.getUUID("event_id"),
                                r.getString("event_type"), r.getString("person_id"), r.getString("subject"), r.getString("title"),
                                r.getString("body"), r.getString("link"), r.getString("actions"), r.getString("record_kind"),
                                r.getString("record_number"), r.getString("service_code"), r.getString("priority"),
                                instant(r.getOffsetDateTime("created_at")), r.getString("secret"), r.getString("previous_secret"),
                                instant(r.getOffsetDateTime("previous_secret_expires_at")), r.getBoolean("active")));
                    }
                    return claimed;
                });
    }

    /**
     * Records an attempt's outcome and the notification's resulting state. Only the sender that holds the attempt
     * writes it: a sender whose lease ran out and whose row was taken again changes nothing.
     */
    public Uni<Void> record(Claimed delivery, Outcome outcome, Outcome.Next next, long latencyMillis) {
        return pool.preparedQuery("""
                        update delivery set status = $2, due_at = $3, last_code = $4, last_reply = $5, latency_ms = $6, updated_at = now(),
                                            delivered_at = case when $2 = 'DELIVERED' then now() else delivered_at end
                        where id = $1 and attempts = $7""")
                .execute(Tuple.from(new Object[]{delivery.id(), next.status(), offset(next.dueAt()), outcome.code(), outcome.reply(),
                        (int) Math.min(Integer.MAX_VALUE, latencyMillis), delivery.attempts()}))
                .chain(() -> settle(delivery.notificationId()));
    }

    /** A notification is DELIVERED when every delivery is, FAILED when one is dead-lettered, PENDING while any waits. */
    private Uni<Void> settle(UUID notificationId) {
        return pool.preparedQuery("""
                        update notification n set delivery_status = s.state
                        from (select notification_id,
                                     case when bool_or(status = 'PENDING') then 'PENDING'
                                          when bool_or(status = 'FAILED') then 'FAILED' else 'DELIVERED' end as state
                              from delivery where notification_id = $1 group by notification_id) s
                        where n.id = s.notification_id and n.delivery_status <> s.state""")
                .execute(Tuple.of(notificationId)).replaceWithVoid();
    }

    public static final String REQUEUED = "REQUEUED";

    /**
     * Puts a dead-lettered delivery back in the queue with fresh attempts: {@link #REQUEUED}, or the delivery's
     * current status when it is not dead-lettered, or empty when there is no such delivery.
     */
    public Uni<Optional<String>> resend(UUID deliveryId) {
        return pool.preparedQuery("""
                        update delivery set status = 'PENDING', attempts = 0, due_at = now(), updated_at = now()
                        where id = $1 and status = 'FAILED' returning notification_id""")
                .execute(Tuple.of(deliveryId))
                .chain(rows -> {
                    if (rows.size() == 1) {
                        return settle(rows.iterator().next().getUUID("notification_id"))
                                .chain(() -> pool.preparedQuery("select pg_notify($1, '')").execute(Tuple.of(NotificationStore.DELIVERY_CHANNEL)))
                                .replaceWith(Optional.of(REQUEUED));
                    }
                    return pool.preparedQuery("select status from delivery where id = $1").execute(Tuple.of(deliveryId))
                            .map(found -> found.size() == 0 ? Optional.<String>empty()
                                    : Optional.of(found.iterator().next().getString("status")));
                });
    }

    // ---- the delivery log ----

    /** One line of the log: a notification on a channel and, when it was sent, one of its deliveries. */
    public record LogEntry(UUID notificationId, UUID deliveryId, UUID eventId, String eventType, String personId, String channel,
                           String subject, String title, String status, String reason, String target, UUID endpointId,
                           Integer attempts, Integer lastCode, String lastReply, Integer latencyMs, Instant createdAt,
                           Instant deliveredAt, Instant nextAttemptAt) {
    }

    public record LogFilter(String personId, UUID eventId, String status, String channel) {
    }

    public Uni<Page<LogEntry>> log(LogFilter filter, PageRequest paging) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("n.channel <> 'IN_APP'");
        if (filter.personId() != null) {
            params.add(filter.personId());
            where.append(" and n.person_id = $").append(params.size());
        }
        if (filter.eventId() != null) {
            params.add(filter.eventId());
            where.append(" and n.event_id = $").append(params.size());
        }
        if (filter.channel() != null) {
            params.add(filter.channel());
            where.append(" and n.channel = $").append(params.size());
        }
        if (filter.status() != null) {
            params.add(filter.status());
            where.append(" and coalesce(d.status, n.delivery_status) = $").append(params.size());
        }
        String from = " from notification n left join delivery d on d.notification_id = n.id where " + where;
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(paging.size);
        pageParams.add(paging.page * paging.size);
        String select = """
                select n.id as notification_id, d.id as delivery_id, n.event_id, n.event_type, n.person_id, n.channel, n.subject, n.title,
                       coalesce(d.status, n.delivery_status) as status, n.reason, d.target, d.endpoint_id, d.attempts, d.last_code,
                       d.last_reply, d.latency_ms, n.created_at, d.delivered_at, d.due_at""" + from
                + " order by n.created_at desc, n.id, d.id limit $" + (params.size() + 1) + " offset $" + (params.size() + 2);
        return pool.preparedQuery(select).execute(Tuple.from(pageParams))
                .chain(rows -> pool.preparedQuery("select count(*) as total" + from).execute(Tuple.from(params)).map(count -> {
                    List<LogEntry> items = new ArrayList<>();
                    for (Row r : rows) {
                        items.add(new LogEntry(r.getUUID("notification_id"), r.getUUID("delivery_id"), r.getUUID("event_id"),
                                r.getString("event_type"), r.getString("person_id"), r.getString("channel"), r.getString("subject"),
                                r.getString("title"), r.getString("status"), r.getString("reason"), r.getString("target"),
                                r.getUUID("endpoint_id"), r.getInteger("attempts"), r.getInteger("last_code"), r.getString("last_reply"),
                                r.getInteger("latency_ms"), instant(r.getOffsetDateTime("created_at")),
                                instant(r.getOffsetDateTime("delivered_at")), instant(r.getOffsetDateTime("due_at"))));
                    }
                    return new Page<>(items, paging.page, paging.size, count.iterator().next().getLong("total"));
                }));
    }

    // ---- digests ----

    /** A suppressed message taken into a digest. */
    public record Held(String channel, String eventType, Digests.Item item) {
    }

    /** The people whose digest is due, claimed for one transaction (SKIP LOCKED: each replica takes others). */
    public Uni<List<String>> claimDueDigests(SqlConnection connection, int limit) {
        return connection.preparedQuery("""
                        with due as (select person_id from digest_due where due_at <= now() order by due_at limit $1 for update skip locked)
                        delete from digest_due d using due where d.person_id = due.person_id returning d.person_id""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<String> people = new ArrayList<>();
                    rows.forEach(r -> people.add(r.getString("person_id")));
                    return people;
                });
    }

    public Uni<Void> postponeDigest(SqlConnection connection, String personId, Instant due) {
        return connection.preparedQuery("""
                        insert into digest_due (person_id, due_at) values ($1, $2)
                        on conflict (person_id) do update set due_at = least(digest_due.due_at, excluded.due_at)""")
                .execute(Tuple.of(personId, offset(due))).replaceWithVoid();
    }

    /** Takes the person's suppressed messages into the digest with this id. */
    public Uni<List<Held>> takeHeld(SqlConnection connection, String personId, UUID digestId) {
        return connection.preparedQuery("""
                        update notification set digest_pending = false, digest_id = $2
                        where person_id = $1 and digest_pending
                        returning channel, event_type, record_kind, subject, record_number, title, created_at""")
                .execute(Tuple.of(personId, digestId))
                .map(rows -> {
                    List<Held> held = new ArrayList<>();
                    rows.forEach(r -> held.add(new Held(r.getString("channel"), r.getString("event_type"), new Digests.Item(
                            r.getString("record_kind"), r.getString("subject"), r.getString("record_number"), r.getString("title"),
                            instant(r.getOffsetDateTime("created_at"))))));
                    return held;
                });
    }

    /** The person's e-mail address as this service's copy of the directory has it. */
    public Uni<Optional<String>> email(SqlConnection connection, String personId) {
        return connection.preparedQuery("select payload ->> 'email' as email from directory_entry where entry_key = $1")
                .execute(Tuple.of("person:" + personId))
                .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.ofNullable(rows.iterator().next().getString("email")));
    }

    /** Active webhook endpoints of a person: (id, url). */
    public Uni<List<NotificationStore.Target>> webhookTargets(SqlConnection connection, String personId) {
        return connection.preparedQuery("""
                        select w.id, w.url from webhook_endpoint w
                        where w.owner_id = $1 and w.active
                          and (w.source = 'API' or w.url = (select payload ->> 'webhookUrl' from directory_entry where entry_key = $2))""")
                .execute(Tuple.of(personId, "person:" + personId))
                .map(rows -> {
                    List<NotificationStore.Target> targets = new ArrayList<>();
                    rows.forEach(r -> targets.add(new NotificationStore.Target(r.getUUID("id"), r.getString("url"))));
                    return targets;
                });
    }

    public Uni<Void> insertDigest(SqlConnection connection, UUID id, UUID digestEventId, String personId, String channel,
                                  Digests.Text text, List<NotificationStore.Target> targets) {
        Uni<Void> notification = connection.preparedQuery("""
                        insert into notification (id, event_id, event_type, person_id, channel, subject, title, body, delivery_status,
                                                  created_at, record_kind)
                        values ($1, $2, $3, $4, $5, 'digest', $6, $7, $8, now(), 'digest')""")
                .execute(Tuple.from(new Object[]{id, digestEventId, DIGEST_EVENT_TYPE, personId, channel,
                        NotificationStore.fit(text.title(), 300), text.body(), targets.isEmpty() ? "FAILED" : "PENDING"}))
                .replaceWithVoid();
        for (NotificationStore.Target target : targets) {
            notification = notification.chain(() -> connection.preparedQuery("""
                            insert into delivery (id, notification_id, channel, endpoint_id, target, status, attempts, due_at, created_at, updated_at)
                            values ($1, $2, $3, $4, $5, 'PENDING', 0, now(), now(), now())""")
                    .execute(Tuple.of(UUID.randomUUID(), id, channel, target.endpointId(), target.address())).replaceWithVoid());
        }
        return notification;
    }

    public static final String DIGEST_EVENT_TYPE = "itsm.notification.digest.v1";

    /** Ended throttle windows are only history. */
    public Uni<Void> purgeEndedWindows(Duration olderThan) {
        return pool.preparedQuery("delete from throttle_window where ends_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) olderThan.toSeconds())).replaceWithVoid();
    }

    public Pool pool() {
        return pool;
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime offset(Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }
}
