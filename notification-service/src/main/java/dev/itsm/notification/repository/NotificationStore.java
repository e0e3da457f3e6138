package dev.itsm.notification.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.Channel;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.Priority;
import dev.itsm.notification.domain.NotificationPreference;
import dev.itsm.notification.domain.Preferences;
import dev.itsm.notification.domain.Throttle;
import dev.itsm.notification.domain.WebhookEndpoint;
import dev.itsm.notification.domain.WebhookSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.utc;

/**
 * The consumer's reads and writes for a whole poll, on its SQL-client transaction: every method is one statement
 * however many events, people and channels the poll holds.
 */
@ApplicationScoped
public class NotificationStore {
    /** Every replica LISTENs here and hands the announced in-app notification to the person's live streams. */
    public static final String NOTIFY_CHANNEL = "itsm_notifications";
    /** Every replica's sender LISTENs here and looks for due deliveries at once. */
    public static final String DELIVERY_CHANNEL = "itsm_deliveries";

    private final ObjectMapper mapper;

    NotificationStore(EventCodec codec) {
        this.mapper = codec.mapper();
    }

    public record Row(UUID id, UUID eventId, String eventType, String personId, String channel, String subject, String title,
                      String body, String status, Instant createdAt, String recordKind, String recordNumber, String serviceCode,
                      String priority, String link, String actions, String reason, boolean digestPending) {
    }

    /** Where one delivery goes: a webhook endpoint (with its id) or an e-mail address. */
    public record Target(UUID endpointId, String address) {
    }

    /** A delivery to queue for a notification row, if that row is inserted. */
    public record Queued(UUID notificationId, Channel channel, Target target) {
    }

    /** A throttle window of a person for a scope (a record or a service). */
    public record WindowKey(String personId, String scope) {
    }

    public static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Inserts the rows; returns the ids of those that are new. A redelivered event or a racing replica inserts
     * nothing for an (event, person, channel) that already has its row.
     */
    public Uni<Set<UUID>> insert(SqlConnection tx, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("""
                        insert into notification (id, event_id, event_type, person_id, channel, subject, title, body, delivery_status,
                                                  created_at, record_kind, record_number, service_code, priority, link, actions, reason,
                                                  digest_pending)
                        select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                             $8::text[], $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::text[],
                                             $14::text[], $15::text[], $16::text[], $17::text[], $18::bool[])
                        on conflict (event_id, person_id, channel) do nothing
                        returning id""")
                .execute(Tuple.from(List.of(column(rows, Row::id, UUID[]::new), column(rows, Row::eventId, UUID[]::new),
                        column(rows, Row::eventType, String[]::new), column(rows, Row::personId, String[]::new),
                        column(rows, Row::channel, String[]::new), column(rows, Row::subject, String[]::new),
                        column(rows, Row::title, String[]::new), column(rows, Row::body, String[]::new),
                        column(rows, Row::status, String[]::new), column(rows, r -> utc(r.createdAt()), java.time.OffsetDateTime[]::new),
                        column(rows, Row::recordKind, String[]::new), column(rows, r -> fit(r.recordNumber(), 40), String[]::new),
                        column(rows, Row::serviceCode, String[]::new), column(rows, Row::priority, String[]::new),
                        column(rows, Row::link, String[]::new), column(rows, Row::actions, String[]::new),
                        column(rows, Row::reason, String[]::new), column(rows, Row::digestPending, Boolean[]::new))))
                .map(inserted -> {
                    Set<UUID> ids = new HashSet<>();
                    inserted.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    /** One delivery row per target, due now. */
    public Uni<Void> queue(SqlConnection tx, List<Queued> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into delivery (id, notification_id, channel, endpoint_id, target, status, attempts, due_at, created_at,
                                              updated_at)
                        select x.id, x.notification_id, x.channel, x.endpoint_id, x.target, 'PENDING', 0, $6, $6, $6
                        from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[])
                             as x(id, notification_id, channel, endpoint_id, target)
                        on conflict (notification_id, target) do nothing""")
                .execute(Tuple.of(deliveries.stream().map(d -> UUID.randomUUID()).toArray(UUID[]::new),
                        column(deliveries, Queued::notificationId, UUID[]::new),
                        column(deliveries, d -> d.channel().name(), String[]::new),
                        column(deliveries, d -> d.target().endpointId(), UUID[]::new),
                        column(deliveries, d -> d.target().address(), String[]::new), utc(now)))
                .replaceWithVoid();
    }

    /**
     * Announces in-app notifications to every replica once the transaction commits, and wakes the senders when
     * deliveries were queued. Ids only: a NOTIFY payload must stay under 8,000 bytes; the stream loads the row.
     */
    public Uni<Void> announce(SqlConnection tx, Map<UUID, String> personByNotification, boolean wakeSenders) {
        List<String> payloads = new ArrayList<>();
        personByNotification.forEach((id, person) -> payloads.add("{\"id\":\"" + id + "\",\"personId\":\"" + jsonEscape(person) + "\"}"));
        Uni<Void> announced = payloads.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("select count(pg_notify($1, p)) from unnest($2::text[]) as p")
                        .execute(Tuple.of(NOTIFY_CHANNEL, payloads.toArray(String[]::new))).replaceWithVoid();
        return !wakeSenders ? announced : announced.chain(() -> tx.preparedQuery("select pg_notify($1, '')")
                .execute(Tuple.of(DELIVERY_CHANNEL)).replaceWithVoid());
    }

    public Uni<Map<String, Preferences>> preferences(SqlConnection tx, Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                        select person_id, time_zone, quiet_from, quiet_to, channels from notification_preference where person_id = any($1)""")
                .execute(Tuple.of((Object) personIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Preferences> byPerson = new HashMap<>();
                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                        NotificationPreference preference = new NotificationPreference();
                        preference.personId = row.getString("person_id");
                        preference.timeZone = row.getString("time_zone");
                        preference.quietFrom = row.getLocalTime("quiet_from");
                        preference.quietTo = row.getLocalTime("quiet_to");
                        preference.channels = row.getString("channels");
                        byPerson.put(preference.personId, preferences(preference));
                    }
                    return byPerson;
                });
    }

    public Preferences preferences(NotificationPreference row) {
        Map<String, List<String>> channels;
        try {
            channels = mapper.readValue(row.channels, new TypeReference<LinkedHashMap<String, List<String>>>() { });
        } catch (Exception e) {
            channels = Map.of();
        }
        LocalTime from = row.quietFrom;
        LocalTime to = row.quietTo;
        return Preferences.of(row.timeZone, from == null ? null : from.toString(), to == null ? null : to.toString(), channels);
    }

    /**
     * The active webhook endpoints of these people, by owner, after creating (with its own secret) the endpoint of
     * each directory webhookUrl the first time it is used.
     */
    public Uni<Map<String, List<WebhookEndpoint>>> endpoints(SqlConnection tx, Collection<String> ownerIds,
                                                             Map<String, String> directoryUrls) {
        if (ownerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Map.Entry<String, String>> urls = List.copyOf(directoryUrls.entrySet());
        Uni<Void> created = urls.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        insert into webhook_endpoint (id, owner_id, url, description, event_types, source, secret, active, created_at)
                        select x.id, x.owner_id, x.url, 'webhookUrl from the directory', '', $4, x.secret, true, now()
                        from unnest($1::uuid[], $2::text[], $3::text[], $5::text[]) as x(id, owner_id, url, secret)
                        on conflict (owner_id, url) do nothing""")
                .execute(Tuple.of(urls.stream().map(u -> UUID.randomUUID()).toArray(UUID[]::new),
                        urls.stream().map(Map.Entry::getKey).toArray(String[]::new),
                        urls.stream().map(Map.Entry::getValue).toArray(String[]::new), WebhookEndpoint.SOURCE_DIRECTORY,
                        urls.stream().map(u -> WebhookSignature.newSecret()).toArray(String[]::new)))
                .replaceWithVoid();
        return created.chain(() -> tx.preparedQuery("""
                                select id, owner_id, url, event_types, service_code, source, active
                                from webhook_endpoint where owner_id = any($1) and active""")
                        .execute(Tuple.of((Object) ownerIds.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, List<WebhookEndpoint>> byOwner = new HashMap<>();
                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                        WebhookEndpoint endpoint = new WebhookEndpoint();
                        endpoint.id = row.getUUID("id");
                        endpoint.ownerId = row.getString("owner_id");
                        endpoint.url = row.getString("url");
                        endpoint.eventTypes = row.getString("event_types");
                        endpoint.serviceCode = row.getString("service_code");
                        endpoint.source = row.getString("source");
                        endpoint.active = row.getBoolean("active");
                        byOwner.computeIfAbsent(endpoint.ownerId, key -> new ArrayList<>()).add(endpoint);
                    }
                    return byOwner;
                });
    }

    /**
     * The throttle windows, locked for the rest of the transaction in key order (so two transactions never wait
     * on each other in a circle), created as ended windows where missing.
     */
    public Uni<Map<WindowKey, Throttle.Window>> lockWindows(SqlConnection tx, Collection<WindowKey> keys, Instant now) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<WindowKey> ordered = keys.stream().distinct()
                .sorted(Comparator.comparing(WindowKey::personId).thenComparing(WindowKey::scope)).toList();
        // An upsert that changes nothing still locks the row and returns it.
        return tx.preparedQuery("""
                        insert into throttle_window (person_id, scope, opened_at, ends_at, top_priority, sent)
                        select p, s, $3, $3, null, 0 from unnest($1::text[], $2::text[]) as x(p, s)
                        on conflict (person_id, scope) do update set sent = throttle_window.sent
                        returning person_id, scope, opened_at, ends_at, top_priority, sent""")
                .execute(Tuple.of(column(ordered, WindowKey::personId, String[]::new), column(ordered, WindowKey::scope, String[]::new),
                        utc(now)))
                .map(rows -> {
                    Map<WindowKey, Throttle.Window> windows = new HashMap<>();
                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                        windows.put(new WindowKey(row.getString("person_id"), row.getString("scope")),
                                new Throttle.Window(instant(row, "opened_at"), instant(row, "ends_at"),
                                        row.getString("top_priority") == null ? null : Priority.valueOf(row.getString("top_priority")),
                                        row.getInteger("sent")));
                    }
                    return windows;
                });
    }

    public Uni<Void> saveWindows(SqlConnection tx, Map<WindowKey, Throttle.Window> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<WindowKey, Throttle.Window>> entries = List.copyOf(windows.entrySet());
        return tx.preparedQuery("""
                        update throttle_window w set opened_at = x.opened_at, ends_at = x.ends_at, top_priority = x.top, sent = x.sent
                        from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::int[])
                             as x(person_id, scope, opened_at, ends_at, top, sent)
                        where w.person_id = x.person_id and w.scope = x.scope""")
                .execute(Tuple.from(List.of(column(entries, e -> e.getKey().personId(), String[]::new),
                        column(entries, e -> e.getKey().scope(), String[]::new),
                        column(entries, e -> utc(e.getValue().openedAt()), java.time.OffsetDateTime[]::new),
                        column(entries, e -> utc(e.getValue().endsAt()), java.time.OffsetDateTime[]::new),
                        column(entries, e -> e.getValue().topPriority() == null ? null : e.getValue().topPriority().name(), String[]::new),
                        column(entries, e -> e.getValue().sent(), Integer[]::new))))
                .replaceWithVoid();
    }

    /** Each person is owed a digest by then (the earliest time asked for wins). */
    public Uni<Void> digestsDue(SqlConnection tx, Map<String, Instant> dueByPerson) {
        if (dueByPerson.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<String, Instant>> entries = List.copyOf(dueByPerson.entrySet());
        return tx.preparedQuery("""
                        insert into digest_due (person_id, due_at) select * from unnest($1::text[], $2::timestamptz[])
                        on conflict (person_id) do update set due_at = least(digest_due.due_at, excluded.due_at)""")
                .execute(Tuple.of(column(entries, Map.Entry::getKey, String[]::new),
                        column(entries, e -> utc(e.getValue()), java.time.OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private static String jsonEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
