package dev.itsm.directory.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.itsm.contracts.Channel;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.directory.CredentialKind;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.directory.GroupChanged;
import dev.itsm.contracts.directory.OnCallShiftChanged;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.RoleAssignment;
import dev.itsm.contracts.directory.RoleDefined;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.ScopedRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.itsm.kit.audit.AuditEntry.change;

/**
 * Every change to the directory, each in the caller's transaction with its event in the outbox and its entry in the
 * audit trail. A person's event carries their effective roles (assigned + group roles), so every service's copy can
 * answer "who holds role R" without knowing about groups.
 */
@ApplicationScoped
public class DirectoryService {
    /** Advisory lock key of "loading the catalog or the demo organisation". */
    private static final long LOADER_LOCK = 0x0D1E_0001L;

    private final Outbox outbox;
    private final PasswordHashing hashing;
    private final CredentialRevocations revocations;
    private final DirectoryAudit audit;
    private final Clock clock;

    DirectoryService(Outbox outbox, PasswordHashing hashing, CredentialRevocations revocations, DirectoryAudit audit, Clock clock) {
        this.outbox = outbox;
        this.hashing = hashing;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- catalog ----

    /** Inserts or updates the catalog; publishes only the roles that are new or changed. Returns how many changed. */
    public Uni<Integer> loadCatalog(List<CatalogRole> catalog) {
        return oneLoaderAtATime().chain(() -> Multi.createFrom().iterable(catalog)
                .onItem().transformToUniAndConcatenate(role -> RoleEntry.<RoleEntry>findById(role.code()).chain(existing -> {
                    RoleEntry entry = existing != null ? existing : new RoleEntry();
                    String responsibilities = JsonText.write(role.responsibilities());
                    String aliases = JsonText.write(role.aliases());
                    String sources = JsonText.write(role.sources());
                    if (existing != null && Objects.equals(existing.name, role.name()) && Objects.equals(existing.kind, role.kind())
                            && existing.responsibilities.equals(responsibilities) && existing.aliases.equals(aliases)
                            && existing.sources.equals(sources)) {
                        return Uni.createFrom().item(0);
                    }
                    entry.code = role.code();
                    entry.name = role.name();
                    entry.kind = role.kind();
                    entry.responsibilities = responsibilities;
                    entry.aliases = aliases;
                    entry.sources = sources;
                    Uni<RoleEntry> saved = existing != null ? Uni.createFrom().item(entry) : entry.persist();
                    return saved.chain(() -> outbox.publish(EventTypes.DIRECTORY_ROLE, DirectoryKeys.role(role.code()),
                            new RoleDefined(role.code(), role.name(), role.kind(), role.responsibilities(), role.aliases(),
                                    role.sources()), Causation.root())).replaceWith(1);
                }))
                .collect().asList()
                .map(changed -> changed.stream().mapToInt(Integer::intValue).sum()));
    }

    /**
     * Replicas starting together each load what is missing; without this, both find a row missing and both insert
     * it, and one fails to start. Held until the caller's transaction ends, so the next loader sees what was stored.
     */
    private static Uni<Void> oneLoaderAtATime() {
        return Panache.getSession().chain(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(:key)")
                .setParameter("key", LOADER_LOCK).getSingleResult()).replaceWithVoid();
    }

    public static CatalogRole view(RoleEntry entry) {
        return new CatalogRole(entry.code, entry.name, entry.kind, JsonText.read(entry.responsibilities, new TypeReference<>() { }),
                JsonText.read(entry.aliases, new TypeReference<>() { }), JsonText.read(entry.sources, new TypeReference<>() { }));
    }

    // ---- people ----

    public record PersonDraft(UUID id, String username, String displayName, String email, String password,
                              List<RoleAssignment> roles, List<String> groupCodes, List<Channel> channels, String webhookUrl) {
    }

    public Uni<Person> createPerson(PersonDraft draft, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_PEOPLE, RecordScope.NONE);
        return Person.count("username", draft.username()).chain(taken -> {
            if (taken > 0) {
                throw ApiProblem.conflict("username " + draft.username() + " is taken", Map.of("username", draft.username()));
            }
            return requireRoles(draft.roles()).chain(() -> requireGroups(draft.groupCodes()))
                    .chain(() -> draft.password() != null ? hashing.hash(draft.password()) : Uni.createFrom().nullItem())
                    .chain(passwordHash -> {
                        Person person = new Person();
                        person.id = draft.id() != null ? draft.id() : UUID.randomUUID();
                        person.username = draft.username();
                        person.displayName = draft.displayName();
                        person.email = draft.email();
                        person.active = true;
                        person.passwordHash = passwordHash;
                        person.roleAssignments(draft.roles() != null ? draft.roles() : List.of());
                        person.groups(draft.groupCodes() != null ? draft.groupCodes() : List.of());
                        person.channelList(draft.channels() != null && !draft.channels().isEmpty() ? draft.channels() : List.of(Channel.IN_APP));
                        person.webhookUrl = draft.webhookUrl();
                        return person.<Person>persist().chain(this::publishPerson)
                                .call(created -> audit.record(DirectoryAudit.PERSON, created.id, actor.id(), "CREATE", personFields(created)));
                    });
        });
    }

    public Uni<Person> setRoles(UUID personId, List<RoleAssignment> roles, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_PEOPLE, RecordScope.NONE);
        return requireRoles(roles).chain(() -> person(personId)).chain(person -> {
            List<RoleAssignment> before = person.roleAssignments();
            person.roleAssignments(roles);
            return publishPerson(person).call(() -> audit.record(DirectoryAudit.PERSON, person.id, actor.id(), "SET_ROLES",
                    Map.of("roles", change(before, roles))));
        });
    }

    /** Deactivating a person also revokes every token they hold, in every service. */
    public Uni<Person> setActive(UUID personId, boolean active, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_PEOPLE, RecordScope.NONE);
        return person(personId).chain(person -> {
            boolean before = person.active;
            person.active = active;
            Uni<Void> revoked = before && !active
                    ? revocations.revokeAll(person.id.toString(), CredentialKind.PERSON, "person deactivated", actor.id())
                    : Uni.createFrom().voidItem();
            return publishPerson(person)
                    .call(() -> audit.record(DirectoryAudit.PERSON, person.id, actor.id(), active ? "ACTIVATE" : "DEACTIVATE",
                            Map.of("active", change(before, active))))
                    .call(() -> revoked);
        });
    }

    public Uni<Person> person(UUID id) {
        return Person.<Person>findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("person", id));
    }

    /** The person's event, with effective roles; bumps the version so every copy applies it. */
    private Uni<Person> publishPerson(Person person) {
        return groupsByCode().chain(groups -> Person.getSession().chain(session -> session.flush()).chain(() -> {
            List<RoleAssignment> effective = EffectiveRoles.of(person.roleAssignments(), person.groups(), groups);
            return outbox.publish(EventTypes.DIRECTORY_PERSON, DirectoryKeys.person(person.id), new PersonChanged(
                    person.id, person.username, person.displayName, person.email, person.active, effective, person.groups(),
                    person.channelList(), person.webhookUrl, person.version + 1), Causation.root());
        })).replaceWith(person);
    }

    public Uni<List<RoleAssignment>> effectiveRoles(Person person) {
        return groupsByCode().map(groups -> EffectiveRoles.of(person.roleAssignments(), person.groups(), groups));
    }

    /** The roles a token carries, each with the service and group it is held for. */
    public Uni<List<ScopedRole>> effectiveScopedRoles(Person person) {
        return groupsByCode().map(groups -> EffectiveRoles.scoped(person.roleAssignments(), person.groups(), groups));
    }

    // ---- groups ----

    public record GroupDraft(String code, String name, String role, Integer tier, String serviceCode) {
    }

    public Uni<PersonGroup> createGroup(GroupDraft draft, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_GROUPS, RecordScope.NONE);
        requireRole(draft.role());
        return PersonGroup.<PersonGroup>findById(draft.code()).chain(existing -> {
            if (existing != null) {
                throw ApiProblem.conflict("group " + draft.code() + " exists", Map.of("code", draft.code()));
            }
            PersonGroup group = new PersonGroup();
            group.code = draft.code();
            group.name = draft.name();
            group.role = draft.role();
            group.tier = draft.tier();
            group.serviceCode = draft.serviceCode();
            return group.<PersonGroup>persist().chain(this::publishGroup)
                    .call(created -> audit.record(DirectoryAudit.GROUP, created.code, actor.id(), "CREATE", groupFields(created)));
        });
    }

    /** Replaces a group's members; everyone who joins or leaves is republished with their new effective roles. */
    public Uni<PersonGroup> setMembers(String groupCode, List<UUID> memberIds, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_GROUPS, RecordScope.NONE);
        return group(groupCode).chain(group -> Person.<Person>listAll().chain(people -> {
            Map<UUID, Person> byId = people.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
            List<UUID> unknown = memberIds.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw ApiProblem.unprocessable("unknown people: " + unknown);
            }
            Map<Person, Map<String, Object>> touched = new LinkedHashMap<>();
            List<String> joined = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (Person person : people) {
                List<String> before = person.groups();
                List<String> groups = new ArrayList<>(before);
                boolean member = memberIds.contains(person.id);
                if (member && !groups.contains(groupCode)) {
                    groups.add(groupCode);
                    joined.add(person.id.toString());
                } else if (!member && groups.contains(groupCode)) {
                    groups.remove(groupCode);
                    left.add(person.id.toString());
                } else {
                    continue;
                }
                person.groups(groups);
                touched.put(person, Map.of("groupCodes", change(before, groups)));
            }
            return Multi.createFrom().iterable(touched.entrySet())
                    .onItem().transformToUniAndConcatenate(entry -> publishPerson(entry.getKey())
                            .call(() -> audit.record(DirectoryAudit.PERSON, entry.getKey().id, actor.id(), "SET_GROUPS", entry.getValue())))
                    .collect().asList()
                    .call(() -> audit.record(DirectoryAudit.GROUP, groupCode, actor.id(), "SET_MEMBERS",
                            Map.of("joined", joined, "left", left)))
                    .replaceWith(group);
        }));
    }

    public Uni<PersonGroup> group(String code) {
        return PersonGroup.<PersonGroup>findById(code).onItem().ifNull().failWith(() -> ApiProblem.notFound("group", code));
    }

    private Uni<PersonGroup> publishGroup(PersonGroup group) {
        return PersonGroup.getSession().chain(session -> session.flush())
                .chain(() -> outbox.publish(EventTypes.DIRECTORY_GROUP, DirectoryKeys.group(group.code), new GroupChanged(
                        group.code, group.name, group.role, group.tier, group.serviceCode, group.version + 1), Causation.root()))
                .replaceWith(group);
    }

    private Uni<Map<String, PersonGroup>> groupsByCode() {
        return PersonGroup.<PersonGroup>listAll().map(groups -> groups.stream()
                .collect(Collectors.toMap(g -> g.code, Function.identity())));
    }

    // ---- services ----

    public record ServiceDraft(String code, String name, UUID ownerId, UUID businessOwnerId, String tier1Group,
                               String tier2Group, String tier3Group) {
    }

    /** Creates or updates a service. */
    public Uni<ItService> putService(ServiceDraft draft, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_SERVICES, RecordScope.NONE);
        List<String> groups = new ArrayList<>();
        for (String g : new String[]{draft.tier1Group(), draft.tier2Group(), draft.tier3Group()}) {
            if (g != null) {
                groups.add(g);
            }
        }
        return requireGroups(groups).chain(() -> requirePeople(draft.ownerId(), draft.businessOwnerId()))
                .chain(() -> ItService.<ItService>findById(draft.code()))
                .chain(existing -> {
                    ItService service = existing != null ? existing : new ItService();
                    Map<String, Object> before = existing != null ? serviceFields(existing) : Map.of();
                    service.code = draft.code();
                    service.name = draft.name();
                    service.ownerId = draft.ownerId();
                    service.businessOwnerId = draft.businessOwnerId();
                    service.tier1Group = draft.tier1Group();
                    service.tier2Group = draft.tier2Group();
                    service.tier3Group = draft.tier3Group();
                    Map<String, Object> changes = diff(before, serviceFields(service));
                    Uni<ItService> saved = existing != null ? Uni.createFrom().item(service) : service.persist();
                    return saved.chain(this::publishService).call(s -> audit.record(DirectoryAudit.SERVICE, s.code, actor.id(),
                            existing != null ? "UPDATE" : "CREATE", changes));
                });
    }

    public Uni<ItService> service(String code) {
        return ItService.<ItService>findById(code).onItem().ifNull().failWith(() -> ApiProblem.notFound("service", code));
    }

    private Uni<ItService> publishService(ItService service) {
        return ItService.getSession().chain(session -> session.flush())
                .chain(() -> outbox.publish(EventTypes.DIRECTORY_SERVICE, DirectoryKeys.service(service.code), new ServiceChanged(
                        service.code, service.name, service.ownerId, service.businessOwnerId, service.tier1Group,
                        service.tier2Group, service.tier3Group, service.version + 1), Causation.root()))
                .replaceWith(service);
    }

    // ---- on-call ----

    public Uni<OnCallShift> addShift(String groupCode, UUID personId, Instant startsAt, Instant endsAt, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_ON_CALL, RecordScope.NONE);
        if (!endsAt.isAfter(startsAt)) {
            throw ApiProblem.unprocessable("a shift must end after it starts");
        }
        return group(groupCode).chain(() -> person(personId)).chain(person -> {
            if (!person.groups().contains(groupCode)) {
                throw ApiProblem.unprocessable(person.username + " is not a member of " + groupCode);
            }
            OnCallShift shift = new OnCallShift();
            shift.id = UUID.randomUUID();
            shift.groupCode = groupCode;
            shift.personId = personId;
            shift.startsAt = startsAt;
            shift.endsAt = endsAt;
            return shift.<OnCallShift>persist().chain(saved -> publishShift(saved, true))
                    .call(() -> audit.record(DirectoryAudit.GROUP, groupCode, actor.id(), "ADD_ON_CALL_SHIFT",
                            Map.of("shiftId", shift.id.toString(), "personId", personId.toString(), "startsAt", startsAt,
                                    "endsAt", endsAt)))
                    .replaceWith(shift);
        });
    }

    /** Removes a shift of a group's rota; every copy of the directory drops it. */
    public Uni<OnCallShift> removeShift(String groupCode, UUID shiftId, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_ON_CALL, RecordScope.NONE);
        return OnCallShift.<OnCallShift>find("id = ?1 and groupCode = ?2", shiftId, groupCode).firstResult()
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("on-call shift", shiftId))
                .chain(shift -> shift.delete().chain(() -> publishShift(shift, false))
                        .call(() -> audit.record(DirectoryAudit.GROUP, groupCode, actor.id(), "REMOVE_ON_CALL_SHIFT",
                                Map.of("shiftId", shift.id.toString(), "personId", shift.personId.toString())))
                        .replaceWith(shift));
    }

    /** A shift is added once and removed once: version 1 announces it, version 2 its removal. */
    private Uni<Void> publishShift(OnCallShift shift, boolean active) {
        return outbox.publish(EventTypes.DIRECTORY_ON_CALL, DirectoryKeys.onCall(shift.id), new OnCallShiftChanged(
                shift.id, shift.groupCode, shift.personId, shift.startsAt, shift.endsAt, active, active ? 1 : 2),
                Causation.root()).replaceWithVoid();
    }

    /** Who is on call for a group now: the people with a current shift, or else every active member. */
    public Uni<List<Person>> onCallNow(String groupCode) {
        Instant now = clock.instant();
        return group(groupCode).chain(() -> OnCallShift.<OnCallShift>list("groupCode = ?1 and startsAt <= ?2 and endsAt > ?2", groupCode, now))
                .chain(shifts -> Person.<Person>list("active", true).map(people -> {
                    var onShift = shifts.stream().map(s -> s.personId).collect(Collectors.toSet());
                    List<Person> members = people.stream().filter(p -> p.groups().contains(groupCode)).toList();
                    List<Person> current = members.stream().filter(p -> onShift.contains(p.id)).toList();
                    return current.isEmpty() ? members : current;
                }));
    }

    // ---- integrations ----

    public record ClientDraft(String clientId, String secret, List<String> scopes) {
    }

    /**
     * Creates the client if missing; otherwise brings its scopes and secret up to date. A changed secret revokes
     * the tokens issued with the old one. Returns whether anything changed. Runs in the caller's transaction.
     */
    public Uni<Boolean> ensureClient(ClientDraft draft, String actorId) {
        requireIntegrationScopes(draft.scopes());
        String scopes = String.join(",", draft.scopes());
        return IntegrationClient.<IntegrationClient>findById(draft.clientId()).chain(existing -> {
            if (existing == null) {
                return hashing.hash(draft.secret()).chain(hash -> {
                    IntegrationClient client = new IntegrationClient();
                    client.clientId = draft.clientId();
                    client.secretHash = hash;
                    client.scopes = scopes;
                    client.active = true;
                    return client.persist().chain(() -> audit.record(DirectoryAudit.INTEGRATION_CLIENT, client.clientId, actorId,
                            "CREATE", Map.of("scopes", draft.scopes(), "active", true))).replaceWith(true);
                });
            }
            return hashing.matches(draft.secret(), existing.secretHash).chain(same -> {
                boolean scopesChanged = !existing.scopes.equals(scopes);
                if (same && !scopesChanged) {
                    return Uni.createFrom().item(false);
                }
                Map<String, Object> changes = new LinkedHashMap<>();
                if (scopesChanged) {
                    changes.put("scopes", change(existing.scopeList(), draft.scopes()));
                    existing.scopes = scopes;
                }
                Uni<Void> secret = Uni.createFrom().voidItem();
                if (!same) {
                    changes.put("secret", "rotated");
                    secret = hashing.hash(draft.secret()).invoke(hash -> existing.secretHash = hash)
                            .chain(() -> revocations.revokeAll(existing.clientId, CredentialKind.INTEGRATION, "secret rotated", actorId));
                }
                return secret.chain(() -> audit.record(DirectoryAudit.INTEGRATION_CLIENT, existing.clientId, actorId, "UPDATE", changes))
                        .replaceWith(true);
            });
        });
    }

    /** Switching a client off revokes its tokens; it cannot sign in until switched on again. */
    public Uni<IntegrationClient> setClientActive(String clientId, boolean active, Actor actor) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.MANAGE_INTEGRATIONS, RecordScope.NONE);
        return IntegrationClient.<IntegrationClient>findById(clientId)
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("integration client", clientId))
                .chain(client -> {
                    boolean before = client.active;
                    client.active = active;
                    Uni<Void> revoked = before && !active
                            ? revocations.revokeAll(client.clientId, CredentialKind.INTEGRATION, "client disabled", actor.id())
                            : Uni.createFrom().voidItem();
                    return revoked.chain(() -> audit.record(DirectoryAudit.INTEGRATION_CLIENT, clientId, actor.id(),
                            active ? "ACTIVATE" : "DEACTIVATE", Map.of("active", change(before, active)))).replaceWith(client);
                });
    }

    // ---- first administrator ----

    /** Creates the administrator if no one has the name; an existing person is left as they are. Returns whether created. */
    public Uni<Boolean> ensureAdministrator(String username, String password) {
        return Person.<Person>find("username", username).firstResult().chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            return hashing.hash(password).chain(hash -> {
                Person person = new Person();
                person.id = UUID.randomUUID();
                person.username = username;
                person.displayName = username;
                person.active = true;
                person.passwordHash = hash;
                person.roleAssignments(List.of(new RoleAssignment(RoleCode.DIRECTORY_ADMIN.name(), null)));
                person.groups(List.of());
                person.channelList(List.of(Channel.IN_APP));
                return person.<Person>persist().chain(this::publishPerson)
                        .call(created -> audit.record(DirectoryAudit.PERSON, created.id, "bootstrap", "CREATE", personFields(created)))
                        .replaceWith(true);
            });
        });
    }

    // ---- demo organisation ----

    /** Creates what is missing of the demo directory; what exists is left as it is. Returns how much was created. */
    public Uni<Integer> loadDemo(DemoDirectory demo) {
        return oneLoaderAtATime().chain(() -> createMissing(demo));
    }

    private Uni<Integer> createMissing(DemoDirectory demo) {
        String actor = "demo-data";
        List<java.util.function.Supplier<Uni<Integer>>> steps = new ArrayList<>();
        for (DemoDirectory.DemoGroup g : demo.groups()) {
            steps.add(() -> PersonGroup.<PersonGroup>findById(g.code()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(0);
                }
                PersonGroup group = new PersonGroup();
                group.code = g.code();
                group.name = g.name();
                group.role = g.role();
                group.tier = g.tier();
                group.serviceCode = g.serviceCode();
                return group.<PersonGroup>persist().chain(this::publishGroup)
                        .call(created -> audit.record(DirectoryAudit.GROUP, created.code, actor, "CREATE", groupFields(created)))
                        .replaceWith(1);
            }));
        }
        for (DemoDirectory.DemoPerson p : demo.people()) {
            steps.add(() -> Person.<Person>findById(p.id()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(0);
                }
                return hashing.hash(demo.password()).chain(hash -> {
                    Person person = new Person();
                    person.id = p.id();
                    person.username = p.username();
                    person.displayName = p.displayName();
                    person.email = p.email();
                    person.active = true;
                    person.passwordHash = hash;
                    person.roleAssignments(p.roles());
                    person.groups(p.groupCodes());
                    person.channelList(p.channels());
                    return person.<Person>persist().chain(this::publishPerson)
                            .call(created -> audit.record(DirectoryAudit.PERSON, created.id, actor, "CREATE", personFields(created)))
                            .replaceWith(1);
                });
            }));
        }
        for (DemoDirectory.DemoService d : demo.services()) {
            steps.add(() -> ItService.<ItService>findById(d.code()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(0);
                }
                ItService service = new ItService();
                service.code = d.code();
                service.name = d.name();
                service.ownerId = d.owner() != null ? DemoDirectory.personId(d.owner()) : null;
                service.businessOwnerId = d.businessOwner() != null ? DemoDirectory.personId(d.businessOwner()) : null;
                service.tier1Group = d.tier1Group();
                service.tier2Group = d.tier2Group();
                service.tier3Group = d.tier3Group();
                return service.<ItService>persist().chain(this::publishService)
                        .call(created -> audit.record(DirectoryAudit.SERVICE, created.code, actor, "CREATE", serviceFields(created)))
                        .replaceWith(1);
            }));
        }
        for (DemoDirectory.DemoIntegration i : demo.integrations()) {
            steps.add(() -> IntegrationClient.<IntegrationClient>findById(i.clientId()).chain(existing -> existing != null
                    ? Uni.createFrom().item(0)
                    : ensureClient(new ClientDraft(i.clientId(), i.secret(), i.scopes()), actor).replaceWith(1)));
        }
        // One after the other: groups before the people whose effective roles depend on them.
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(java.util.function.Supplier::get)
                .collect().asList().map(created -> created.stream().mapToInt(Integer::intValue).sum());
    }

    // ---- checks ----

    private Uni<Void> requireRoles(List<RoleAssignment> roles) {
        if (roles != null) {
            roles.forEach(r -> requireRole(r.role()));
        }
        return Uni.createFrom().voidItem();
    }

    private static void requireRole(String role) {
        if (role == null || RoleCode.parse(role).isEmpty()) {
            throw ApiProblem.unprocessable("unknown role " + role + "; see GET /api/roles");
        }
    }

    private static void requireIntegrationScopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty() || !scopes.stream().allMatch(TokenIssuer::isIntegrationScope)) {
            throw ApiProblem.unprocessable("an integration's scopes are ALERT_SOURCE and/or INCIDENT_SOURCE, not " + scopes);
        }
    }

    private Uni<Void> requireGroups(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return PersonGroup.<PersonGroup>list("code in ?1", new LinkedHashSet<>(codes)).map(found -> {
            if (found.size() != new LinkedHashSet<>(codes).size()) {
                var known = found.stream().map(g -> g.code).collect(Collectors.toSet());
                throw ApiProblem.unprocessable("unknown groups: " + codes.stream().filter(c -> !known.contains(c)).toList());
            }
            return null;
        });
    }

    private Uni<Void> requirePeople(UUID... ids) {
        // A service may have no owner yet: only the ids given are checked.
        List<UUID> given = java.util.Arrays.stream(ids).filter(Objects::nonNull).toList();
        return Multi.createFrom().iterable(given)
                .onItem().transformToUniAndConcatenate(this::person).collect().asList().replaceWithVoid();
    }

    // ---- what the audit trail records ----

    private static Map<String, Object> personFields(Person p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", p.username);
        fields.put("displayName", p.displayName);
        fields.put("email", p.email);
        fields.put("active", p.active);
        fields.put("roles", p.roleAssignments());
        fields.put("groupCodes", p.groups());
        fields.put("channels", p.channelList());
        fields.put("webhookUrl", p.webhookUrl);
        fields.put("password", p.passwordHash != null ? "set" : "none");
        return fields;
    }

    private static Map<String, Object> groupFields(PersonGroup g) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", g.name);
        fields.put("role", g.role);
        fields.put("tier", g.tier);
        fields.put("serviceCode", g.serviceCode);
        return fields;
    }

    private static Map<String, Object> serviceFields(ItService s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", s.name);
        fields.put("ownerId", s.ownerId != null ? s.ownerId.toString() : null);
        fields.put("businessOwnerId", s.businessOwnerId != null ? s.businessOwnerId.toString() : null);
        fields.put("tier1Group", s.tier1Group);
        fields.put("tier2Group", s.tier2Group);
        fields.put("tier3Group", s.tier3Group);
        return fields;
    }

    /** Fields that differ, as from/to; every field when there was nothing before. */
    private static Map<String, Object> diff(Map<String, Object> before, Map<String, Object> after) {
        if (before.isEmpty()) {
            return after;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changes.put(field, change(before.get(field), value));
            }
        });
        return changes;
    }
}
