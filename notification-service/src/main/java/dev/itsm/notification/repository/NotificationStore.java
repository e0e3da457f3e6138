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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The consumer's writes, in its transaction (the Hibernate Reactive session), as set-based SQL where it matters. */
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

    public static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** True when this (event, person, channel) is new; a redelivered event or a racing replica inserts nothing. */
    public Uni<Boolean> insert(Row n) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into notification (id, event_id, event_type, person_id, channel, subject, title, body, delivery_status,
                                                  created_at, record_kind, record_number, service_code, priority, link, actions, reason,
                                                  digest_pending)
                        values (:id, :eventId, :eventType, :personId, :channel, :subject, :title, :body, :status, :createdAt,
                                :recordKind, :recordNumber, :serviceCode, :priority, :link, :actions, :reason, :digestPending)
                        on conflict (event_id, person_id, channel) do nothing""")
                .setParameter("id", n.id()).setParameter("eventId", n.eventId()).setParameter("eventType", n.eventType())
                .setParameter("personId", n.personId()).setParameter("channel", n.channel()).setParameter("subject", n.subject())
                .setParameter("title", n.title()).setParameter("body", n.body()).setParameter("status", n.status())
                .setParameter("createdAt", n.createdAt()).setParameter("recordKind", n.recordKind())
                .setParameter("recordNumber", fit(n.recordNumber(), 40)).setParameter("serviceCode", n.serviceCode())
                .setParameter("priority", n.priority()).setParameter("link", n.link()).setParameter("actions", n.actions())
                .setParameter("reason", n.reason()).setParameter("digestPending", n.digestPending())
                .executeUpdate()).map(count -> count == 1);
    }

    /** One delivery row per target, due now. */
    public Uni<Void> queue(UUID notificationId, Channel channel, List<Target> targets, Instant now) {
        return Multi.createFrom().iterable(targets).onItem().transformToUniAndConcatenate(target -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("""
                                        insert into delivery (id, notification_id, channel, endpoint_id, target, status, attempts, due_at,
                                                              created_at, updated_at)
                                        values (:id, :notificationId, :channel, :endpointId, :target, 'PENDING', 0, :now, :now, :now)
                                        on conflict (notification_id, target) do nothing""")
                                .setParameter("id", UUID.randomUUID()).setParameter("notificationId", notificationId)
                                .setParameter("channel", channel.name()).setParameter("endpointId", target.endpointId())
                                .setParameter("target", target.address()).setParameter("now", now)
                                .executeUpdate()))
                .collect().asList().replaceWithVoid();
    }

    /**
     * Announces an in-app notification to every replica once the transaction commits. Ids only: a NOTIFY payload must
     * stay under 8,000 bytes, and the stream loads the row itself.
     */
    public Uni<Void> announce(UUID id, String personId) {
        return notify(NOTIFY_CHANNEL, "{\"id\":\"" + id + "\",\"personId\":\"" + jsonEscape(personId) + "\"}");
    }

    /** Wakes the senders of every replica once the transaction commits. */
    public Uni<Void> wakeSenders() {
        return notify(DELIVERY_CHANNEL, "");
    }

    private Uni<Void> notify(String channel, String payload) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from (select pg_notify(:channel, :payload)) sent", Long.class)
                .setParameter("channel", channel).setParameter("payload", payload).getSingleResult()).replaceWithVoid();
    }

    public Uni<Map<String, Preferences>> preferences(List<String> personIds) {
        return NotificationPreference.<NotificationPreference>list("personId in ?1", personIds)
                .map(rows -> rows.stream().collect(Collectors.toMap(p -> p.personId, this::preferences)));
    }

    public Preferences preferences(NotificationPreference row) {
        Map<String, List<String>> channels;
        try {
            channels = mapper.readValue(row.channels, new TypeReference<LinkedHashMap<String, List<String>>>() { });
        } catch (Exception e) {
            channels = Map.of();
        }
        return Preferences.of(row.timeZone, row.quietFrom == null ? null : row.quietFrom.toString(),
                row.quietTo == null ? null : row.quietTo.toString(), channels);
    }

    /** The active webhook endpoints of these people, by owner. */
    public Uni<Map<String, List<WebhookEndpoint>>> endpoints(List<String> ownerIds) {
        return WebhookEndpoint.<WebhookEndpoint>list("ownerId in ?1 and active = true", ownerIds)
                .map(rows -> rows.stream().collect(Collectors.groupingBy(e -> e.ownerId)));
    }

    /** The endpoint of a person's directory webhookUrl, created with its own secret the first time it is used. */
    public Uni<Optional<WebhookEndpoint>> directoryEndpoint(String personId, String url) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into webhook_endpoint (id, owner_id, url, description, event_types, source, secret, active, created_at)
                        values (:id, :owner, :url, 'webhookUrl from the directory', '', :source, :secret, true, now())
                        on conflict (owner_id, url) do nothing""")
                        .setParameter("id", UUID.randomUUID()).setParameter("owner", personId).setParameter("url", url)
                        .setParameter("source", WebhookEndpoint.SOURCE_DIRECTORY).setParameter("secret", WebhookSignature.newSecret())
                        .executeUpdate())
                .chain(() -> WebhookEndpoint.<WebhookEndpoint>find("ownerId = ?1 and url = ?2", personId, url).<WebhookEndpoint>firstResult())
                .map(found -> Optional.ofNullable(found));
    }

    /**
     * The person's record and service windows, locked for the rest of the transaction (in scope order, so two
     * transactions for one person never wait on each other in a circle). Missing windows come back as ended ones.
     */
    public Uni<Map<String, Throttle.Window>> lockWindows(String personId, String recordScope, String serviceScope, Instant now) {
        List<String> scopes = serviceScope == null ? List.of(recordScope) : List.of(recordScope, serviceScope);
        return Multi.createFrom().iterable(scopes).onItem().transformToUniAndConcatenate(scope -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("""
                                        insert into throttle_window (person_id, scope, opened_at, ends_at, top_priority, sent)
                                        values (:person, :scope, :now, :now, null, 0) on conflict do nothing""")
                                .setParameter("person", personId).setParameter("scope", scope).setParameter("now", now)
                                .executeUpdate()))
                .collect().asList()
                .chain(() -> Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                                select scope, cast(floor(extract(epoch from opened_at) * 1000) as bigint), cast(floor(extract(epoch from ends_at) * 1000) as bigint),
                                       top_priority, sent
                                from throttle_window where person_id = :person and scope in (:scopes) order by scope for update""", Object[].class)
                        .setParameter("person", personId).setParameter("scopes", scopes)
                        .getResultList()))
                .map(rows -> {
                    Map<String, Throttle.Window> windows = new HashMap<>();
                    for (Object[] row : rows) {
                        windows.put((String) row[0], new Throttle.Window(Instant.ofEpochMilli(((Number) row[1]).longValue()),
                                Instant.ofEpochMilli(((Number) row[2]).longValue()),
                                row[3] == null ? null : Priority.valueOf((String) row[3]), ((Number) row[4]).intValue()));
                    }
                    return windows;
                });
    }

    public Uni<Void> saveWindow(String personId, String scope, Throttle.Window window) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update throttle_window set opened_at = :openedAt, ends_at = :endsAt, top_priority = :top, sent = :sent
                        where person_id = :person and scope = :scope""")
                .setParameter("openedAt", window.openedAt()).setParameter("endsAt", window.endsAt())
                .setParameter("top", window.topPriority() == null ? null : window.topPriority().name())
                .setParameter("sent", window.sent()).setParameter("person", personId).setParameter("scope", scope)
                .executeUpdate()).replaceWithVoid();
    }

    /** The person is owed a digest by then (the earliest time asked for wins). */
    public Uni<Void> digestDue(String personId, Instant due) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into digest_due (person_id, due_at) values (:person, :due)
                        on conflict (person_id) do update set due_at = least(digest_due.due_at, excluded.due_at)""")
                .setParameter("person", personId).setParameter("due", due)
                .executeUpdate()).replaceWithVoid();
    }

    private static String jsonEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
