package dev.itsm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the keys the bench waits for out of the services' events (CloudEvents envelopes). */
final class IncidentEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentEvents() {
    }

    /** The alert fingerprint of an incident.opened event; null for any other record. */
    static String openedFingerprint(ConsumerRecord<String, String> record) {
        return field(record, EventTypes.INCIDENT_OPENED, "alertFingerprint");
    }

    /** The problem of a change.drafted event; null for any other record. */
    static String draftedProblem(ConsumerRecord<String, String> record) {
        return field(record, EventTypes.CHANGE_DRAFTED, "problemId");
    }

    /** The CloudEvent's time in epoch milliseconds, or -1 when the record has none. */
    static long timeMillis(ConsumerRecord<String, String> record) {
        try {
            String time = JSON.readTree(record.value()).path("time").asText(null);
            return time == null ? -1 : java.time.Instant.parse(time).toEpochMilli();
        } catch (Exception noTime) {
            return -1;
        }
    }

    private static String field(ConsumerRecord<String, String> record, String type, String field) {
        String value = record.value();
        if (value == null || !value.contains(type)) {
            return null;
        }
        try {
            JsonNode event = JSON.readTree(value);
            return type.equals(event.path("type").asText()) ? event.path("data").path(field).asText(null) : null;
        } catch (Exception notAnEvent) {
            return null;
        }
    }
}
