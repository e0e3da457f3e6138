package dev.itsm.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.UUID;

/**
 * Reads and writes events the same way in every service. Readers are tolerant, as CloudEvents readers
 * should be: unknown fields are ignored and unknown enum values read as null, so that adding an optional
 * field or a new value is not a breaking change.
 */
public final class EventCodec {
    private final ObjectMapper mapper;

    public EventCodec() {
        this(defaultMapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A value added to an enum by a newer producer reads as null instead of failing the event.
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public EventEnvelope envelope(String type, String source, String subject, Instant time,
                                  String correlationId, UUID causationId, Object payload) {
        return EventEnvelope.create(type, source, subject, time, correlationId, causationId, mapper.valueToTree(payload));
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised: " + envelope.type(), e);
        }
    }

    /** Parses an envelope; throws {@link MalformedEventException} when the record is not one. */
    public EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = mapper.readValue(json, EventEnvelope.class);
            if (envelope == null) {
                throw new MalformedEventException("empty record");
            }
            return envelope;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("not a CloudEvents envelope: " + e.getMessage(), e);
        }
    }

    /** The payload as its record type; throws {@link MalformedEventException} when it does not fit. */
    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        JsonNode data = envelope.data();
        if (data == null || data.isNull()) {
            throw new MalformedEventException("event " + envelope.id() + " of type " + envelope.type() + " has no data");
        }
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + envelope.type() + " does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
