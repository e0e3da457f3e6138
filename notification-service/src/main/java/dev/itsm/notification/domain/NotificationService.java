package dev.itsm.notification.domain;

import dev.itsm.contracts.Channel;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.kit.directory.DirectoryLookups;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.repository.NotificationStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an event into notifications, inside the consumer's transaction: route it, resolve the recipients through
 * this service's copy of the directory, and store one row per (event, person, channel). In-app rows are the inbox
 * and are announced to live streams; e-mail and webhook rows pass the person's preferences and the throttle and
 * either get delivery rows that the senders take after the commit, or are suppressed with the reason and owed in
 * a digest.
 */
@ApplicationScoped
public class NotificationService {
    private final DirectoryLookups directory;
    private final EventCodec codec;
    private final Clock clock;
    private final NotificationConfig config;
    private final NotificationStore store;

    NotificationService(DirectoryLookups directory, EventCodec codec, Clock clock, NotificationConfig config, NotificationStore store) {
        this.directory = directory;
        this.codec = codec;
        this.clock = clock;
        this.config = config;
        this.store = store;
    }

    /** A person to tell, and how far. */
    record Recipient(PersonChanged person, RoutingRules.Reach reach) {
        String id() {
            return person.personId().toString();
        }
    }

    /** An event with its route and the people it reaches. */
    private record Routed(EventEnvelope event, RoutingRules.Route route, List<Recipient> recipients) {
    }

    /** One push channel of one message for one person: where it goes. */
    private record Push(Routed routed, Recipient recipient, Channel channel, List<NotificationStore.Target> targets) {
    }

    public Optional<RoutingRules.Route> route(EventEnvelope event) {
        return RoutingRules.payloadOf(event.type()).flatMap(type -> RoutingRules.route(event.type(), codec.payload(event, type)));
    }

    /**
     * Tells the right people about a whole poll of events, in the consumer's transaction: recipients, preferences
     * and endpoints are looked up for the poll at once, the throttle decides message by message in event order, and
     * every table is written with one statement.
     */
    public Uni<Void> notifyAll(SqlConnection tx, List<IdempotentConsumer.Consumed<EventEnvelope>> batch) {
        List<EventEnvelope> events = batch.stream().map(IdempotentConsumer.Consumed::value).toList();
        List<Map.Entry<EventEnvelope, RoutingRules.Route>> routes = new ArrayList<>();
        events.forEach(event -> route(event).ifPresent(route -> routes.add(Map.entry(event, route))));
        if (routes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return recipients(tx, routes, now).chain(routed -> {
            Set<String> people = new LinkedHashSet<>();
            Map<String, String> directoryUrls = new LinkedHashMap<>();
            routed.forEach(r -> r.recipients().forEach(recipient -> {
                people.add(recipient.id());
                String url = recipient.person().webhookUrl();
                if (url != null && !url.isBlank() && recipient.reach() == RoutingRules.Reach.FULL) {
                    directoryUrls.put(recipient.id(), url);
                }
            }));
            return store.preferences(tx, people).chain(preferences -> store.endpoints(tx, people, directoryUrls)
                    .chain(endpoints -> decideAndWrite(tx, routed, preferences, endpoints, now)));
        });
    }

    // ---- who ----

    private Uni<List<Routed>> recipients(SqlConnection tx, List<Map.Entry<EventEnvelope, RoutingRules.Route>> routes, Instant now) {
        Set<String> roles = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        Set<String> people = new LinkedHashSet<>();
        routes.forEach(r -> r.getValue().recipients().forEach(selector -> {
            if (selector instanceof RoutingRules.Recipients.ByRole byRole) {
                roles.add(byRole.role().name());
            } else if (selector instanceof RoutingRules.Recipients.ServiceTier tier) {
                services.add(tier.serviceCode());
            } else if (selector instanceof RoutingRules.Recipients.ServiceOwners owners) {
                services.add(owners.serviceCode());
            } else if (selector instanceof RoutingRules.Recipients.ByPerson person) {
                people.add(person.personId());
            }
        }));
        return directory.services(tx, services).chain(serviceByCode -> {
            Set<String> groups = new LinkedHashSet<>();
            routes.forEach(r -> r.getValue().recipients().forEach(selector -> {
                if (selector instanceof RoutingRules.Recipients.Group group) {
                    groups.add(group.groupCode());
                } else if (selector instanceof RoutingRules.Recipients.ServiceTier tier && serviceByCode.containsKey(tier.serviceCode())) {
                    String code = tierGroup(serviceByCode.get(tier.serviceCode()), tier.tier());
                    if (code != null && !code.isBlank()) {
                        groups.add(code);
                    }
                }
            }));
            serviceByCode.values().forEach(service -> {
                if (service.ownerId() != null) {
                    people.add(service.ownerId().toString());
                }
                if (service.businessOwnerId() != null) {
                    people.add(service.businessOwnerId().toString());
                }
            });
            return directory.peopleWithRoles(tx, roles).chain(byRole -> directory.peopleInGroups(tx, groups)
                    .chain(byGroup -> directory.onCall(tx, groups, now)
                            .chain(onCall -> directory.people(tx, people).map(byId -> routes.stream().map(r -> {
                                Map<UUID, Recipient> merged = new LinkedHashMap<>();
                                for (RoutingRules.Recipients selector : r.getValue().recipients()) {
                                    resolve(selector, serviceByCode, byRole, byGroup, onCall, byId)
                                            .forEach(recipient -> merged.merge(recipient.person().personId(), recipient,
                                                    (a, b) -> a.reach() == RoutingRules.Reach.FULL ? a : b));
                                }
                                String actor = r.getValue().actorId();
                                // Nobody is told about their own action.
                                List<Recipient> told = merged.values().stream().filter(p -> actor == null || !actor.equals(p.id())).toList();
                                return new Routed(r.getKey(), r.getValue(), told);
                            }).toList()))));
        });
    }

    private static List<Recipient> resolve(RoutingRules.Recipients selector, Map<String, ServiceChanged> services,
                                           Map<String, List<PersonChanged>> byRole, Map<String, List<PersonChanged>> byGroup,
                                           Map<String, List<PersonChanged>> onCall, Map<String, PersonChanged> byId) {
        if (selector instanceof RoutingRules.Recipients.ByRole byRoleSelector) {
            return full(byRole.getOrDefault(byRoleSelector.role().name(), List.of()));
        }
        if (selector instanceof RoutingRules.Recipients.Group group) {
            return group(group.groupCode(), byGroup, onCall);
        }
        if (selector instanceof RoutingRules.Recipients.ServiceTier tier) {
            ServiceChanged service = services.get(tier.serviceCode());
            String code = service == null ? null : tierGroup(service, tier.tier());
            return code == null || code.isBlank() ? List.of() : group(code, byGroup, onCall);
        }
        if (selector instanceof RoutingRules.Recipients.ServiceOwners owners) {
            ServiceChanged service = services.get(owners.serviceCode());
            List<PersonChanged> found = new ArrayList<>();
            if (service != null) {
                for (UUID id : java.util.Arrays.asList(service.ownerId(), service.businessOwnerId())) {
                    if (id != null && byId.containsKey(id.toString())) {
                        found.add(byId.get(id.toString()));
                    }
                }
            }
            return full(found.stream().filter(PersonChanged::active).toList());
        }
        PersonChanged person = byId.get(((RoutingRules.Recipients.ByPerson) selector).personId());
        return person == null || !person.active() ? List.of() : full(List.of(person));
    }

    /** The on-call members at full reach and the rest of the group in-app; everyone at full reach when nobody is on call. */
    private static List<Recipient> group(String groupCode, Map<String, List<PersonChanged>> byGroup, Map<String, List<PersonChanged>> onCall) {
        List<PersonChanged> members = byGroup.getOrDefault(groupCode, List.of());
        List<PersonChanged> paged = onCall.getOrDefault(groupCode, List.of());
        if (paged.isEmpty()) {
            return full(members);
        }
        List<Recipient> result = new ArrayList<>(full(paged));
        Set<UUID> pagedIds = new HashSet<>(paged.stream().map(PersonChanged::personId).toList());
        members.stream().filter(m -> !pagedIds.contains(m.personId()))
                .forEach(m -> result.add(new Recipient(m, RoutingRules.Reach.IN_APP)));
        return result;
    }

    private static String tierGroup(ServiceChanged service, int tier) {
        return switch (tier) {
            case 1 -> service.tier1Group();
            case 2 -> service.tier2Group();
            case 3 -> service.tier3Group();
            default -> null;
        };
    }

    private static List<Recipient> full(List<PersonChanged> people) {
        return people.stream().map(p -> new Recipient(p, RoutingRules.Reach.FULL)).toList();
    }

    // ---- how, and whether now ----

    private Uni<Void> decideAndWrite(SqlConnection tx, List<Routed> routed, Map<String, Preferences> preferences,
                                     Map<String, List<WebhookEndpoint>> endpoints, Instant now) {
        List<NotificationStore.Row> rows = new ArrayList<>();
        List<Push> pushes = new ArrayList<>();
        for (Routed r : routed) {
            for (Recipient recipient : r.recipients()) {
                rows.add(row(r.event(), r.route().message(), recipient.person(), Channel.IN_APP, "DELIVERED", null, false, now));
                if (recipient.reach() == RoutingRules.Reach.IN_APP) {
                    continue;
                }
                List<WebhookEndpoint> own = endpoints.getOrDefault(recipient.id(), List.of());
                Set<Channel> directoryChannels = EnumSet.of(Channel.IN_APP);
                if (recipient.person().channels() != null) {
                    directoryChannels.addAll(recipient.person().channels());
                }
                if (own.stream().anyMatch(e -> WebhookEndpoint.SOURCE_API.equals(e.source))) {
                    directoryChannels.add(Channel.WEBHOOK);
                }
                Set<Channel> channels = preferences.getOrDefault(recipient.id(), Preferences.none())
                        .channelsFor(r.route().message().priority(), directoryChannels);
                for (Channel channel : channels) {
                    if (channel != Channel.IN_APP) {
                        pushes.add(new Push(r, recipient, channel, targets(recipient.person(), channel, own, r.event().type(),
                                r.route().message().serviceCode())));
                    }
                }
            }
        }
        Set<NotificationStore.WindowKey> scopes = new LinkedHashSet<>();
        if (config.throttle().enabled()) {
            pushes.stream().filter(p -> !p.targets().isEmpty()).forEach(p -> scopes.addAll(scopes(p.recipient().id(), p.routed().route().message())));
        }
        return store.lockWindows(tx, scopes, now).chain(locked -> {
            Map<NotificationStore.WindowKey, Throttle.Window> windows = new HashMap<>(locked);
            Map<NotificationStore.WindowKey, Throttle.Window> changed = new LinkedHashMap<>();
            Map<UUID, String> digestOwed = new HashMap<>();
            Map<String, Instant> digestDue = new HashMap<>();
            List<NotificationStore.Queued> queued = new ArrayList<>();
            // One decision per message and person, shared by its push channels, in event order.
            Map<String, Throttle.Decision> decided = new HashMap<>();
            for (Push push : pushes) {
                RoutingRules.Message message = push.routed().route().message();
                PersonChanged person = push.recipient().person();
                if (push.targets().isEmpty()) {
                    String why = push.channel() == Channel.EMAIL ? "no e-mail address in the directory" : "no webhook endpoint for this message";
                    rows.add(row(push.routed().event(), message, person, push.channel(), "SUPPRESSED", why, false, now));
                    continue;
                }
                Throttle.Decision decision = decided.computeIfAbsent(push.routed().event().id() + "|" + push.recipient().id(), key ->
                        decide(push.recipient().id(), message, preferences.getOrDefault(push.recipient().id(), Preferences.none()),
                                now, windows, changed));
                if (!decision.send()) {
                    NotificationStore.Row suppressed = row(push.routed().event(), message, person, push.channel(), "SUPPRESSED",
                            decision.reason(), true, now);
                    rows.add(suppressed);
                    digestOwed.put(suppressed.id(), push.recipient().id());
                    digestDue.merge(push.recipient().id(), decision.digestDue(), (a, b) -> a.isBefore(b) ? a : b);
                    continue;
                }
                NotificationStore.Row pending = row(push.routed().event(), message, person, push.channel(), "PENDING", null, false, now);
                rows.add(pending);
                push.targets().forEach(target -> queued.add(new NotificationStore.Queued(pending.id(), push.channel(), target)));
            }
            return store.insert(tx, rows).chain(inserted -> {
                Map<UUID, String> announce = new LinkedHashMap<>();
                rows.stream().filter(r -> inserted.contains(r.id()) && Channel.IN_APP.name().equals(r.channel()))
                        .forEach(r -> announce.put(r.id(), r.personId()));
                List<NotificationStore.Queued> toSend = queued.stream().filter(q -> inserted.contains(q.notificationId())).toList();
                Map<String, Instant> owed = new HashMap<>();
                digestOwed.forEach((rowId, personId) -> {
                    if (inserted.contains(rowId)) {
                        owed.put(personId, digestDue.get(personId));
                    }
                });
                return store.saveWindows(tx, changed)
                        .chain(() -> store.queue(tx, toSend, now))
                        .chain(() -> store.digestsDue(tx, owed))
                        .chain(() -> store.announce(tx, announce, !toSend.isEmpty()));
            });
        });
    }

    /** Where a push channel goes for this person: their address, or their webhook endpoints that want this message. */
    private static List<NotificationStore.Target> targets(PersonChanged person, Channel channel, List<WebhookEndpoint> endpoints,
                                                          String eventType, String serviceCode) {
        if (channel == Channel.EMAIL) {
            return person.email() == null || person.email().isBlank() ? List.of()
                    : List.of(new NotificationStore.Target(null, person.email()));
        }
        if (channel != Channel.WEBHOOK) {
            return List.of();
        }
        List<NotificationStore.Target> hooks = new ArrayList<>();
        endpoints.stream().filter(e -> WebhookEndpoint.SOURCE_API.equals(e.source) && e.wants(eventType, serviceCode))
                .forEach(e -> hooks.add(new NotificationStore.Target(e.id, e.url)));
        String directoryUrl = person.webhookUrl();
        if (directoryUrl != null && !directoryUrl.isBlank()) {
            endpoints.stream().filter(e -> WebhookEndpoint.SOURCE_DIRECTORY.equals(e.source) && directoryUrl.equals(e.url))
                    .forEach(e -> hooks.add(new NotificationStore.Target(e.id, e.url)));
        }
        return hooks;
    }

    private static List<NotificationStore.WindowKey> scopes(String personId, RoutingRules.Message message) {
        List<NotificationStore.WindowKey> keys = new ArrayList<>();
        keys.add(new NotificationStore.WindowKey(personId, recordScope(message)));
        if (message.serviceCode() != null) {
            keys.add(new NotificationStore.WindowKey(personId, "service:" + message.serviceCode()));
        }
        return keys;
    }

    private static String recordScope(RoutingRules.Message message) {
        return "record:" + message.recordKind() + ":" + message.recordId();
    }

    /** Quiet hours first (a P1 goes through), then the per-record and per-service windows, which this decision moves on. */
    private Throttle.Decision decide(String personId, RoutingRules.Message message, Preferences preferences, Instant now,
                                     Map<NotificationStore.WindowKey, Throttle.Window> windows,
                                     Map<NotificationStore.WindowKey, Throttle.Window> changed) {
        if (!config.throttle().enabled()) {
            return new Throttle.Decision(true, null, null, null, null);
        }
        if (message.priority() != Priority.P1) {
            Optional<Instant> quiet = preferences.quietUntil(now);
            if (quiet.isPresent()) {
                String until = DateTimeFormatter.ofPattern("HH:mm").format(quiet.get().atZone(preferences.zone()));
                return new Throttle.Decision(false, "quiet hours until " + until + " " + preferences.zone()
                        + "; this one comes with the digest then", quiet.get(), null, null);
            }
        }
        NotificationStore.WindowKey record = new NotificationStore.WindowKey(personId, recordScope(message));
        NotificationStore.WindowKey service = message.serviceCode() == null ? null
                : new NotificationStore.WindowKey(personId, "service:" + message.serviceCode());
        String label = message.recordNumber() != null ? message.recordNumber() : message.recordKind() + " " + message.recordId();
        Throttle.Policy policy = new Throttle.Policy(config.throttle().window(), config.throttle().perServiceLimit());
        Throttle.Decision decision = Throttle.decide(now, policy, label, message.priority(), windows.get(record),
                message.serviceCode(), service == null ? null : windows.get(service));
        if (decision.send()) {
            windows.put(record, decision.record());
            changed.put(record, decision.record());
            if (service != null) {
                windows.put(service, decision.service());
                changed.put(service, decision.service());
            }
        }
        return decision;
    }

    private NotificationStore.Row row(EventEnvelope event, RoutingRules.Message message, PersonChanged person, Channel channel,
                                      String status, String reason, boolean digestPending, Instant now) {
        return new NotificationStore.Row(UUID.randomUUID(), event.id(), event.type(), person.personId().toString(), channel.name(),
                message.recordId(), NotificationStore.fit(message.title(), 300), message.body(), status, now, message.recordKind(),
                message.recordNumber(), message.serviceCode(), message.priority() == null ? null : message.priority().name(),
                link(message), actions(message), reason, digestPending);
    }

    public String link(RoutingRules.Message message) {
        String template = switch (message.recordKind()) {
            case "incident" -> config.links().incident();
            case "problem" -> config.links().problem();
            case "change" -> config.links().change();
            default -> null;
        };
        return template == null ? null : template.replace("{id}", message.recordId());
    }

    private String actions(RoutingRules.Message message) {
        if (message.actions().isEmpty()) {
            return null;
        }
        String base = link(message);
        List<InboxMessage.LinkedAction> linked = message.actions().stream()
                .map(a -> new InboxMessage.LinkedAction(a.label(), a.method(), base + a.path())).toList();
        try {
            return codec.mapper().writeValueAsString(linked);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Notification> markRead(UUID id, String personId) {
        return Notification.<Notification>find("id = ?1 and personId = ?2 and channel = 'IN_APP'", id, personId).firstResult()
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("notification", id))
                .invoke(n -> {
                    if (n.readAt == null) {
                        n.readAt = clock.instant();
                    }
                });
    }
}
