package dev.itsm.kit.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One step taken on one record: who, when, which step, and what changed (field → new value, or a small map of
 * {@code from}/{@code to}).
 */
public record AuditEntry(String recordType, String recordId, String actorId, String step, Map<String, Object> changes,
                         Instant occurredAt) {

    public AuditEntry {
        if (recordType == null || recordId == null || step == null || occurredAt == null) {
            throw new IllegalArgumentException("an audit entry needs a record type, a record id, a step and a time");
        }
        actorId = actorId != null ? actorId : "anonymous";
        changes = changes != null ? changes : Map.of();
    }

    /** A field that went from one value to another. */
    public static Map<String, Object> change(Object from, Object to) {
        java.util.Map<String, Object> change = new java.util.LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }
}
