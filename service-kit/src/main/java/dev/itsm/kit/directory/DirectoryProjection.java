package dev.itsm.kit.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.MalformedEventException;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.directory.GroupChanged;
import dev.itsm.contracts.directory.OnCallShiftChanged;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.ServiceChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service's own copy of the directory, kept from the compacted directory topic, so that routing and
 * role look-ups never call directory-service on a hot path. Older versions never overwrite newer ones,
 * so replaying the topic from the start is harmless.
 */
@ApplicationScoped
public class DirectoryProjection {
    private final EventCodec codec;
    private final ObjectMapper mapper;

    DirectoryProjection(EventCodec codec) {
        this.codec = codec;
        this.mapper = codec.mapper();
    }

    /** Applies one directory event; runs inside the consumer's transaction. Role catalog entries are not kept. */
    public Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.DIRECTORY_PERSON -> {
                PersonChanged person = codec.payload(event, PersonChanged.class);
                yield upsert(DirectoryKeys.person(person.personId()), "person", person.version(), event.data());
            }
            case EventTypes.DIRECTORY_GROUP -> {
                GroupChanged group = codec.payload(event, GroupChanged.class);
                yield upsert(DirectoryKeys.group(group.code()), "group", group.version(), event.data());
            }
            case EventTypes.DIRECTORY_SERVICE -> {
                ServiceChanged service = codec.payload(event, ServiceChanged.class);
                yield upsert(DirectoryKeys.service(service.code()), "service", service.version(), event.data());
            }
            case EventTypes.DIRECTORY_ON_CALL -> {
                OnCallShiftChanged shift = codec.payload(event, OnCallShiftChanged.class);
                yield upsert(DirectoryKeys.onCall(shift.shiftId()), "oncall", shift.version(), event.data());
            }
            case EventTypes.DIRECTORY_ROLE -> Uni.createFrom().voidItem();
            default -> throw new MalformedEventException("not a directory event type: " + event.type());
        };
    }

    private Uni<Void> upsert(String key, String kind, long version, JsonNode payload) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into directory_entry (entry_key, kind, version, payload, updated_at)
                        -- Cast through text: the PostgreSQL client would bind a String for a jsonb parameter as a JSON string value.
                        values (:key, :kind, :version, cast(cast(:payload as text) as jsonb), now())
                        on conflict (entry_key) do update
                        set version = excluded.version, payload = excluded.payload, updated_at = now()
                        where directory_entry.version < excluded.version""")
                .setParameter("key", key)
                .setParameter("kind", kind)
                .setParameter("version", version)
                .setParameter("payload", payload.toString())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Active people who hold a role (for any service, or for the given one). */
    public Uni<List<PersonChanged>> peopleWithRole(String role) {
        return people("payload -> 'roles' @> cast(cast(:filter as text) as jsonb)", "[{\"role\":\"" + jsonEscape(role) + "\"}]");
    }

    /** Active members of a directory group. */
    public Uni<List<PersonChanged>> peopleInGroup(String groupCode) {
        return people("payload -> 'groupCodes' @> cast(cast(:filter as text) as jsonb)", "[\"" + jsonEscape(groupCode) + "\"]");
    }

    /**
     * Active people with an active shift of the group's rota at the given time; empty when the group has no rota
     * or nobody is on call then.
     */
    public Uni<List<PersonChanged>> onCall(String groupCode, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select cast(person.payload as text) from directory_entry shift
                        join directory_entry person on person.entry_key = 'person:' || (shift.payload ->> 'personId')
                        where shift.kind = 'oncall' and shift.payload ->> 'groupCode' = :groupCode
                          and (shift.payload ->> 'active')::boolean
                          and (shift.payload ->> 'startsAt')::timestamptz <= :at and (shift.payload ->> 'endsAt')::timestamptz > :at
                          and (person.payload ->> 'active')::boolean
                        order by person.entry_key""", String.class)
                .setParameter("groupCode", groupCode)
                .setParameter("at", at.atOffset(java.time.ZoneOffset.UTC))
                .getResultList())
                .map(rows -> rows.stream().distinct().map(json -> read(json, PersonChanged.class)).toList());
    }

    public Uni<Optional<ServiceChanged>> service(String code) {
        return one(DirectoryKeys.service(code), ServiceChanged.class);
    }

    public Uni<Optional<GroupChanged>> group(String code) {
        return one(DirectoryKeys.group(code), GroupChanged.class);
    }

    public Uni<Optional<PersonChanged>> person(String personId) {
        return one(DirectoryKeys.person(personId), PersonChanged.class);
    }

    private Uni<List<PersonChanged>> people(String condition, String filter) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(payload as text) from directory_entry where kind = 'person' and (payload ->> 'active')::boolean and "
                                + condition + " order by entry_key", String.class)
                .setParameter("filter", filter)
                .getResultList())
                .map(rows -> rows.stream().map(json -> read(json, PersonChanged.class)).toList());
    }

    private <T> Uni<Optional<T>> one(String key, Class<T> type) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(payload as text) from directory_entry where entry_key = :key", String.class)
                .setParameter("key", key)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(json -> read(json, type)));
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("directory entry is not a " + type.getSimpleName(), e);
        }
    }

    private static String jsonEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
