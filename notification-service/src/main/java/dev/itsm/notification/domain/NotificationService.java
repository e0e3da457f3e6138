package dev.itsm.notification.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.itsm.contracts.Channel;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.problem.ProblemClosed;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.domain.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an event into notifications: route it, resolve the recipients through this service's copy of
 * the directory, and store one row per (event, person, channel). In-app rows are announced with
 * PostgreSQL NOTIFY, which is delivered only when the transaction commits, to every replica's live streams.
 */
@ApplicationScoped
public class NotificationService {
    public static final String NOTIFY_CHANNEL = "itsm_notifications";

    private final DirectoryProjection directory;
    private final EventCodec codec;
    private final Clock clock;

    NotificationService(DirectoryProjection directory, EventCodec codec, Clock clock) {
        this.directory = directory;
        this.codec = codec;
        this.clock = clock;
    }

    /** What a live stream carries: the notification as the inbox shows it. */
    public record Message(UUID id, String personId, String eventType, String subject, String title, String body,
                          Instant createdAt, Instant readAt) {
        public static Message of(Notification n) {
            return new Message(n.id, n.personId, n.eventType, n.subject, n.title, n.body, n.createdAt, n.readAt);
        }
    }

    public Optional<RoutingRules.Route> route(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.INCIDENT_OPENED -> RoutingRules.incidentOpened(codec.payload(event, IncidentOpened.class));
            case EventTypes.PROBLEM_RAISED -> RoutingRules.problemRaised(codec.payload(event, ProblemRaised.class));
            case EventTypes.PROBLEM_RESOLVED -> RoutingRules.problemResolved(codec.payload(event, ProblemResolved.class));
            case EventTypes.PROBLEM_CLOSED -> RoutingRules.problemClosed(codec.payload(event, ProblemClosed.class));
            case EventTypes.CHANGE_DRAFTED -> RoutingRules.changeDrafted(codec.payload(event, ChangeDrafted.class));
            case EventTypes.CHANGE_STATUS_CHANGED -> RoutingRules.changeStatusChanged(codec.payload(event, ChangeStatusChanged.class));
            default -> Optional.empty();
        };
    }

    /** Runs in the consumer's transaction. */
    public Uni<Void> notify(EventEnvelope event) {
        Optional<RoutingRules.Route> route = route(event);
        if (route.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recipients(route.get().recipients()).chain(people -> Multi.createFrom().iterable(people)
                .onItem().transformToUniAndConcatenate(person -> deliver(event, route.get(), person))
                .collect().asList().replaceWithVoid());
    }

    private Uni<List<PersonChanged>> recipients(List<RoutingRules.Recipients> selectors) {
        Map<UUID, PersonChanged> people = new LinkedHashMap<>();
        return Multi.createFrom().iterable(selectors)
                .onItem().transformToUniAndConcatenate(this::resolve)
                .collect().asList()
                .map(lists -> {
                    lists.forEach(list -> list.forEach(person -> people.putIfAbsent(person.personId(), person)));
                    return List.copyOf(people.values());
                });
    }

    private Uni<List<PersonChanged>> resolve(RoutingRules.Recipients selector) {
        if (selector instanceof RoutingRules.Recipients.ByRole byRole) {
            return directory.peopleWithRole(byRole.role().name());
        }
        if (selector instanceof RoutingRules.Recipients.ByGroup byGroup) {
            return directory.peopleInGroup(byGroup.groupCode());
        }
        String personId = ((RoutingRules.Recipients.ByPerson) selector).personId();
        return directory.person(personId).map(found -> found.filter(PersonChanged::active).map(List::of).orElse(List.of()));
    }

    private Uni<Void> deliver(EventEnvelope event, RoutingRules.Route route, PersonChanged person) {
        Set<Channel> channels = new LinkedHashSet<>();
        channels.add(Channel.IN_APP);
        if (person.channels() != null) {
            channels.addAll(person.channels());
        }
        Instant now = clock.instant();
        return Multi.createFrom().iterable(channels).onItem().transformToUniAndConcatenate(channel -> {
            Notification n = new Notification();
            n.id = UUID.randomUUID();
            n.eventId = event.id();
            n.eventType = event.type();
            n.personId = person.personId().toString();
            n.channel = channel.name();
            n.subject = route.subject();
            n.title = route.title().length() > 300 ? route.title().substring(0, 300) : route.title();
            n.body = route.body();
            // In-app is delivered by being stored; e-mail and webhook wait for their sender.
            n.deliveryStatus = channel == Channel.IN_APP ? "DELIVERED" : "PENDING";
            n.createdAt = now;
            return insertOnce(n).chain(inserted -> inserted && channel == Channel.IN_APP ? announce(n) : Uni.createFrom().voidItem());
        }).collect().asList().replaceWithVoid();
    }

    private Uni<Boolean> insertOnce(Notification n) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into notification (id, event_id, event_type, person_id, channel, subject, title, body,
                                                  delivery_status, created_at)
                        values (:id, :eventId, :eventType, :personId, :channel, :subject, :title, :body, :status, :createdAt)
                        on conflict (event_id, person_id, channel) do nothing""")
                .setParameter("id", n.id).setParameter("eventId", n.eventId).setParameter("eventType", n.eventType)
                .setParameter("personId", n.personId).setParameter("channel", n.channel).setParameter("subject", n.subject)
                .setParameter("title", n.title).setParameter("body", n.body).setParameter("status", n.deliveryStatus)
                .setParameter("createdAt", n.createdAt)
                .executeUpdate()).map(count -> count == 1);
    }

    private Uni<Void> announce(Notification n) {
        String payload;
        try {
            payload = codec.mapper().writeValueAsString(Message.of(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from (select pg_notify(:channel, :payload)) sent", Long.class)
                .setParameter("channel", NOTIFY_CHANNEL).setParameter("payload", payload).getSingleResult()).replaceWithVoid();
    }

    /** Marks one in-app notification read; another person's notification is refused (403) and left as it is. */
    public Uni<Notification> markRead(UUID id, String personId) {
        return Notification.<Notification>find("id = ?1 and channel = 'IN_APP'", id).firstResult()
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("notification", id))
                .invoke(n -> {
                    if (!n.personId.equals(personId)) {
                        throw new ApiProblem(403, "forbidden-record", "This record is outside your scope",
                                "a notification is read only by the person it was sent to", java.util.Map.of("level", "record"));
                    }
                    if (n.readAt == null) {
                        n.readAt = clock.instant();
                    }
                });
    }
}
