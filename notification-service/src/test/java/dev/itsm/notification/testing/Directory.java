package dev.itsm.notification.testing;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.TestKafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Directory entries as directory-service publishes them, for the service's own copy. */
public final class Directory {
    private Directory() {
    }

    public static void person(UUID id, String email, String webhookUrl, List<String> channels, List<String> groups, List<Map<String, String>> roles) {
        Map<String, Object> data = new HashMap<>();
        data.put("personId", id);
        data.put("username", "p-" + id);
        data.put("displayName", "Person " + id.toString().substring(0, 8));
        data.put("email", email);
        data.put("webhookUrl", webhookUrl);
        data.put("active", true);
        data.put("roles", roles);
        data.put("groupCodes", groups);
        data.put("channels", channels);
        data.put("version", 1);
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.person(id),
                ContractSchemas.exampleEvent(EventTypes.DIRECTORY_PERSON, DirectoryKeys.person(id), data));
    }

    public static void group(String code, String role, int tier, String serviceCode) {
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.group(code), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_GROUP,
                DirectoryKeys.group(code), Map.of("code", code, "name", code, "role", role, "tier", tier, "serviceCode", serviceCode, "version", 1)));
    }

    public static void service(String code, UUID ownerId, UUID businessOwnerId, String tier1, String tier2) {
        Map<String, Object> data = new HashMap<>();
        data.put("code", code);
        data.put("name", code);
        data.put("ownerId", ownerId);
        data.put("businessOwnerId", businessOwnerId);
        data.put("tier1Group", tier1);
        data.put("tier2Group", tier2);
        data.put("tier3Group", null);
        data.put("version", 1);
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.service(code),
                ContractSchemas.exampleEvent(EventTypes.DIRECTORY_SERVICE, DirectoryKeys.service(code), data));
    }

    public static void onCall(UUID shiftId, String groupCode, UUID personId, Instant startsAt, Instant endsAt) {
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.onCall(shiftId), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_ON_CALL,
                DirectoryKeys.onCall(shiftId), Map.of("shiftId", shiftId, "groupCode", groupCode, "personId", personId,
                        "startsAt", startsAt, "endsAt", endsAt, "active", true, "version", 1)));
    }
}
