package dev.itsm.change.access;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.TestKafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Directory entries change-service's tests need in its copy, published as directory-service would. */
public final class ChangeFixtures {
    private ChangeFixtures() {
    }

    public static void person(String personId, String role, String serviceCode) {
        Map<String, Object> assignment = serviceCode == null ? Map.of("role", role) : Map.of("role", role, "serviceCode", serviceCode);
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.person(personId), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_PERSON,
                DirectoryKeys.person(personId), Map.of("personId", personId, "username", "p-" + personId, "active", true,
                        "roles", List.of(assignment), "groupCodes", List.of(), "version", 1)));
    }

    public static void service(String code, UUID ownerId, UUID businessOwnerId) {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("code", code);
        data.put("name", code);
        data.put("ownerId", ownerId);
        data.put("businessOwnerId", businessOwnerId);
        data.put("version", 1);
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.service(code), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_SERVICE,
                DirectoryKeys.service(code), data));
    }

    public static void revokeAll(String subjectId) {
        Instant now = Instant.now();
        String key = DirectoryKeys.revokedSubject(subjectId);
        TestKafka.send(Topics.DIRECTORY_EVENTS, key, ContractSchemas.exampleEvent(EventTypes.DIRECTORY_CREDENTIAL_REVOKED, key,
                Map.of("subjectId", subjectId, "subjectKind", "PERSON", "notBefore", now, "revokedAt", now, "version", now.toEpochMilli())));
    }
}
