package dev.itsm.notification.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notification as the inbox and the live stream show it, with the link back to the record and what can be done there. */
public record InboxMessage(UUID id, String personId, String eventType, String subject, String recordKind, String recordNumber,
                           String title, String body, String link, List<LinkedAction> actions, Instant createdAt, Instant readAt) {

    /** A follow-up on the record: POST to this address. */
    public record LinkedAction(String label, String method, String url) {
    }

    public static InboxMessage of(Notification n, ObjectMapper mapper) {
        return new InboxMessage(n.id, n.personId, n.eventType, n.subject, n.recordKind, n.recordNumber, n.title, n.body, n.link,
                actions(n.actions, mapper), n.createdAt, n.readAt);
    }

    public static List<LinkedAction> actions(String json, ObjectMapper mapper) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<List<LinkedAction>>() { });
        } catch (Exception e) {
            return List.of();
        }
    }
}
