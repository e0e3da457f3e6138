package dev.itsm.notification.domain;

import dev.itsm.contracts.Channel;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.repository.NotificationStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns an event into notifications, inside the consumer's transaction: route it, resolve the recipients through
 * this service's copy of the directory, and store one row per (event, person, channel). In-app rows are the inbox
 * and are announced to live streams; e-mail and webhook rows pass the person's preferences and the throttle and
 * either get delivery rows that the senders take after the commit, or are suppressed with the reason and owed in
 * a digest.
 */
@ApplicationScoped
public class NotificationService {
    private final DirectoryProjection directory;
    private final EventCodec codec;
    private final Clock clock;
    private final NotificationConfig config;
    private final NotificationStore store;

    NotificationService(DirectoryProjection directory, EventCodec codec, Clock clock, NotificationConfig config, NotificationStore store) {
        this.directory = directory;
        this.codec = codec;
        this.clock = clock;
        this.config = config;
        this.store = store;
    }

    /** A person to tell, and how far. */
    record Recipient(PersonChanged person, RoutingRules.Reach reach) {
    }

    public Optional<RoutingRules.Route> route(EventEnvelope event) {
        return RoutingRules.payloadOf(event.type()).flatMap(type -> RoutingRules.route(event.type(), codec.payload(event, type)));
    }

    /** Runs in the consumer's transaction. */
    public Uni<Void> notify(EventEnvelope event) {
        Optional<RoutingRules.Route> found = route(event);
        if (found.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        RoutingRules.Route route = found.get();
        Instant now = clock.instant();
        AtomicBoolean queued = new AtomicBoolean();
        return recipients(route.recipients(), now)
                .map(all -> all.stream().filter(r -> route.actorId() == null || !route.actorId().equals(r.person().personId().toString())).toList())
                .chain(people -> {
                    if (people.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<String> ids = people.stream().map(r -> r.person().personId().toString()).toList();
                    return store.preferences(ids).chain(preferences -> store.endpoints(ids).chain(endpoints ->
                            Multi.createFrom().iterable(people).onItem().transformToUniAndConcatenate(recipient -> tell(event, route,
                                            recipient, preferences.getOrDefault(recipient.person().personId().toString(), Preferences.none()),
                                            endpoints.getOrDefault(recipient.person().personId().toString(), List.of()), now, queued))
                                    .collect().asList().replaceWithVoid()));
                })
                .chain(() -> queued.get() ? store.wakeSenders() : Uni.createFrom().voidItem());
    }

    private Uni<List<Recipient>> recipients(List<RoutingRules.Recipients> selectors, Instant now) {
        return Multi.createFrom().iterable(selectors)
                .onItem().transformToUniAndConcatenate(selector -> resolve(selector, now))
                .collect().asList()
                .map(lists -> {
                    Map<UUID, Recipient> merged = new LinkedHashMap<>();
                    lists.forEach(list -> list.forEach(r -> merged.merge(r.person().personId(), r,
                            (a, b) -> a.reach() == RoutingRules.Reach.FULL ? a : b)));
                    return List.copyOf(merged.values());
                });
    }

    private Uni<List<Recipient>> resolve(RoutingRules.Recipients selector, Instant now) {
        if (selector instanceof RoutingRules.Recipients.ByRole byRole) {
            return directory.peopleWithRole(byRole.role().name()).map(NotificationService::full);
        }
        if (selector instanceof RoutingRules.Recipients.Group group) {
            return group(group.groupCode(), now);
        }
        if (selector instanceof RoutingRules.Recipients.ServiceTier tier) {
            return directory.service(tier.serviceCode()).chain(service -> service.map(s -> tierGroup(s, tier.tier()))
                    .map(code -> group(code, now)).orElseGet(() -> Uni.createFrom().item(List.of())));
        }
        if (selector instanceof RoutingRules.Recipients.ServiceOwners owners) {
            return directory.service(owners.serviceCode()).chain(service -> {
                List<String> ids = new ArrayList<>();
                service.ifPresent(s -> {
                    if (s.ownerId() != null) {
                        ids.add(s.ownerId().toString());
                    }
                    if (s.businessOwnerId() != null) {
                        ids.add(s.businessOwnerId().toString());
                    }
                });
                return people(ids);
            });
        }
        return people(List.of(((RoutingRules.Recipients.ByPerson) selector).personId()));
    }

    /** The on-call members at full reach and the rest of the group in-app; everyone at full reach when nobody is on call. */
    private Uni<List<Recipient>> group(String groupCode, Instant now) {
        return directory.onCall(groupCode, now).chain(onCall -> directory.peopleInGroup(groupCode).map(members -> {
            if (onCall.isEmpty()) {
                return full(members);
            }
            List<Recipient> result = new ArrayList<>(full(onCall));
            Set<UUID> paged = new java.util.HashSet<>(onCall.stream().map(PersonChanged::personId).toList());
            members.stream().filter(m -> !paged.contains(m.personId()))
                    .forEach(m -> result.add(new Recipient(m, RoutingRules.Reach.IN_APP)));
            return result;
        }));
    }

    private static String tierGroup(ServiceChanged service, int tier) {
        return switch (tier) {
            case 1 -> service.tier1Group();
            case 2 -> service.tier2Group();
            case 3 -> service.tier3Group();
            default -> null;
        };
    }

    private Uni<List<Recipient>> people(List<String> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(directory::person)
                .collect().asList()
                .map(found -> found.stream().flatMap(Optional::stream).filter(PersonChanged::active)
                        .map(p -> new Recipient(p, RoutingRules.Reach.FULL)).toList());
    }

    private static List<Recipient> full(List<PersonChanged> people) {
        return people.stream().map(p -> new Recipient(p, RoutingRules.Reach.FULL)).toList();
    }

    // ---- one person ----

    private Uni<Void> tell(EventEnvelope event, RoutingRules.Route route, Recipient recipient, Preferences preferences,
                           List<WebhookEndpoint> endpoints, Instant now, AtomicBoolean queued) {
        PersonChanged person = recipient.person();
        RoutingRules.Message message = route.message();
        Set<Channel> directoryChannels = EnumSet.of(Channel.IN_APP);
        if (person.channels() != null) {
            directoryChannels.addAll(person.channels());
        }
        if (endpoints.stream().anyMatch(e -> WebhookEndpoint.SOURCE_API.equals(e.source) && e.active)) {
            directoryChannels.add(Channel.WEBHOOK);
        }
        Set<Channel> channels = recipient.reach() == RoutingRules.Reach.IN_APP ? EnumSet.of(Channel.IN_APP)
                : preferences.channelsFor(message.priority(), directoryChannels);
        NotificationStore.Row inApp = row(event, message, person, Channel.IN_APP, "DELIVERED", null, false, now);
        Uni<Void> done = store.insert(inApp).chain(inserted -> inserted ? store.announce(inApp.id(), inApp.personId()) : Uni.createFrom().voidItem());
        List<Channel> push = channels.stream().filter(c -> c != Channel.IN_APP).toList();
        if (push.isEmpty()) {
            return done;
        }
        return done.chain(() -> targets(person, push, endpoints, event.type(), message.serviceCode()))
                .chain(targets -> decide(person.personId().toString(), message, preferences, now, targets)
                        .chain(decision -> Multi.createFrom().iterable(push).onItem().transformToUniAndConcatenate(channel -> {
                            List<NotificationStore.Target> forChannel = targets.getOrDefault(channel, List.of());
                            if (forChannel.isEmpty()) {
                                String why = channel == Channel.EMAIL ? "no e-mail address in the directory" : "no webhook endpoint for this message";
                                return store.insert(row(event, message, person, channel, "SUPPRESSED", why, false, now)).replaceWithVoid();
                            }
                            if (!decision.send()) {
                                return store.insert(row(event, message, person, channel, "SUPPRESSED", decision.reason(), true, now))
                                        .chain(inserted -> inserted ? store.digestDue(person.personId().toString(), decision.digestDue())
                                                : Uni.createFrom().voidItem());
                            }
                            NotificationStore.Row pending = row(event, message, person, channel, "PENDING", null, false, now);
                            return store.insert(pending).chain(inserted -> {
                                if (!inserted) {
                                    return Uni.createFrom().voidItem();
                                }
                                queued.set(true);
                                return store.queue(pending.id(), channel, forChannel, now);
                            });
                        }).collect().asList().replaceWithVoid()));
    }

    /** Where each push channel goes for this person: their address, their matching webhook endpoints. */
    private Uni<Map<Channel, List<NotificationStore.Target>>> targets(PersonChanged person, List<Channel> channels,
                                                                     List<WebhookEndpoint> endpoints, String eventType, String serviceCode) {
        Map<Channel, List<NotificationStore.Target>> targets = new LinkedHashMap<>();
        if (channels.contains(Channel.EMAIL) && person.email() != null && !person.email().isBlank()) {
            targets.put(Channel.EMAIL, List.of(new NotificationStore.Target(null, person.email())));
        }
        if (!channels.contains(Channel.WEBHOOK)) {
            return Uni.createFrom().item(targets);
        }
        List<NotificationStore.Target> hooks = new ArrayList<>();
        endpoints.stream().filter(e -> WebhookEndpoint.SOURCE_API.equals(e.source) && e.wants(eventType, serviceCode))
                .forEach(e -> hooks.add(new NotificationStore.Target(e.id, e.url)));
        targets.put(Channel.WEBHOOK, hooks);
        String directoryUrl = person.webhookUrl();
        if (directoryUrl == null || directoryUrl.isBlank()) {
            return Uni.createFrom().item(targets);
        }
        return store.directoryEndpoint(person.personId().toString(), directoryUrl).map(endpoint -> {
            endpoint.filter(e -> e.active).ifPresent(e -> hooks.add(new NotificationStore.Target(e.id, e.url)));
            return targets;
        });
    }

    /** Quiet hours first (a P1 goes through), then the per-record and per-service windows. */
    private Uni<Throttle.Decision> decide(String personId, RoutingRules.Message message, Preferences preferences, Instant now,
                                          Map<Channel, List<NotificationStore.Target>> targets) {
        if (!config.throttle().enabled() || targets.isEmpty()) {
            return Uni.createFrom().item(new Throttle.Decision(true, null, null, null, null));
        }
        if (message.priority() != Priority.P1) {
            Optional<Instant> quiet = preferences.quietUntil(now);
            if (quiet.isPresent()) {
                String until = DateTimeFormatter.ofPattern("HH:mm").format(quiet.get().atZone(preferences.zone()));
                return Uni.createFrom().item(new Throttle.Decision(false, "quiet hours until " + until + " " + preferences.zone()
                        + "; this one comes with the digest then", quiet.get(), null, null));
            }
        }
        String recordScope = "record:" + message.recordKind() + ":" + message.recordId();
        String serviceScope = message.serviceCode() == null ? null : "service:" + message.serviceCode();
        String label = message.recordNumber() != null ? message.recordNumber() : message.recordKind() + " " + message.recordId();
        Throttle.Policy policy = new Throttle.Policy(config.throttle().window(), config.throttle().perServiceLimit());
        return store.lockWindows(personId, recordScope, serviceScope, now).chain(windows -> {
            Throttle.Decision decision = Throttle.decide(now, policy, label, message.priority(), windows.get(recordScope),
                    message.serviceCode(), serviceScope == null ? null : windows.get(serviceScope));
            if (!decision.send()) {
                return Uni.createFrom().item(decision);
            }
            return store.saveWindow(personId, recordScope, decision.record())
                    .chain(() -> serviceScope == null ? Uni.createFrom().voidItem() : store.saveWindow(personId, serviceScope, decision.service()))
                    .replaceWith(decision);
        });
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
