package dev.itsm.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, plus the two tracing extensions of the suite.
 *
 * @param correlationid the alert or incident that started the chain; copied unchanged down the chain
 * @param causationid   the id of the event that caused this one (null for a chain's first event)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        String specversion,
        UUID id,
        String type,
        String source,
        String subject,
        Instant time,
        String datacontenttype,
        String correlationid,
        UUID causationid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        if (specversion == null) {
            specversion = SPEC_VERSION;
        }
        if (datacontenttype == null) {
            datacontenttype = JSON;
        }
    }

    /** A new event; the caller supplies the chain it belongs to. */
    public static EventEnvelope create(String type, String source, String subject, Instant time,
                                       String correlationId, UUID causationId, JsonNode data) {
        return new EventEnvelope(SPEC_VERSION, UUID.randomUUID(), type, source, subject, time, JSON,
                correlationId == null ? subject : correlationId, causationId, data);
    }
}
