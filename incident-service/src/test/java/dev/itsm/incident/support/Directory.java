package dev.itsm.incident.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.directory.GroupChanged;
import dev.itsm.contracts.directory.OnCallShiftChanged;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.RoleAssignment;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.infra.TestKafka;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Directory entries as directory-service publishes them on the compacted topic, sent by tests and awaited in the
 * service's own copy, so that each test works on groups, people and services of its own.
 */
public final class Directory {
    private static final EventCodec CODEC = new EventCodec();
    private final Pool pool;
    private final List<String> keys = new ArrayList<>();

    public Directory(Pool pool) {
        this.pool = pool;
    }

    public Directory service(String code, String tier1, String tier2, String tier3) {
        return publish(EventTypes.DIRECTORY_SERVICE, DirectoryKeys.service(code),
                new ServiceChanged(code, code, null, null, tier1, tier2, tier3, 1));
    }

    public Directory group(String code, String role, Integer tier, String serviceCode) {
        return publish(EventTypes.DIRECTORY_GROUP, DirectoryKeys.group(code), new GroupChanged(code, code, role, tier, serviceCode, 1));
    }

    /** An active person with the roles (held for every service) and group memberships. */
    public Directory person(UUID id, List<String> roles, List<String> groups) {
        return person(id, roles, groups, null);
    }

    /** An active person with the roles, held for one service when {@code serviceCode} is set, and group memberships. */
    public Directory person(UUID id, List<String> roles, List<String> groups, String serviceCode) {
        return publish(EventTypes.DIRECTORY_PERSON, DirectoryKeys.person(id), new PersonChanged(id, "user-" + id, "Person " + id,
                id + "@example.org", true, roles.stream().map(r -> new RoleAssignment(r, serviceCode)).toList(), groups, List.of(),
                null, 1));
    }

    /** A shift of a group's on-call rota. */
    public Directory onCall(String groupCode, UUID personId, Instant startsAt, Instant endsAt) {
        UUID shift = UUID.randomUUID();
        return publish(EventTypes.DIRECTORY_ON_CALL, DirectoryKeys.onCall(shift),
                new OnCallShiftChanged(shift, groupCode, personId, startsAt, endsAt, true, 1));
    }

    private Directory publish(String type, String key, Object payload) {
        JsonNode data = CODEC.mapper().valueToTree(payload);
        EventEnvelope event = EventEnvelope.create(type, "directory-service", key, Instant.now(), key, null, data);
        TestKafka.send(Topics.DIRECTORY_EVENTS, key, CODEC.write(event));
        keys.add(key);
        return this;
    }

    /** Waits until the service's copy holds every entry sent so far. */
    public void awaitCopied() {
        String[] wanted = keys.toArray(String[]::new);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("select count(*) from directory_entry where entry_key = any($1)")
                .execute(Tuple.of((Object) wanted)).await().indefinitely().iterator().next().getLong(0) == wanted.length);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
