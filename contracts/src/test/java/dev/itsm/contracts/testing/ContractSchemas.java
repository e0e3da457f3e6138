package dev.itsm.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.itsm.contracts.EventTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Both sides of a contract test: a producer validates what it really published against the schema of its
 * type, a consumer feeds itself the schema's examples. Shipped in the contracts test-jar.
 */
public final class ContractSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The validation errors of an event (empty = valid). The event's own {@code type} picks the schema. */
    public static Set<ValidationMessage> validateEvent(String eventJson) {
        JsonNode event = parse(eventJson);
        String type = event.path("type").asText();
        if (EventTypes.binding(type).isEmpty()) {
            return Set.of(ValidationMessage.builder().message("unknown event type '" + type + "'").build());
        }
        return schema(EventTypes.schemaResource(type)).validate(event);
    }

    /** Fails with every error listed when the event does not match its schema. */
    public static void assertValidEvent(String eventJson) {
        Set<ValidationMessage> errors = validateEvent(eventJson);
        if (!errors.isEmpty()) {
            throw new AssertionError("event does not match its schema: " + errors + "\n" + eventJson);
        }
    }

    public static Set<ValidationMessage> validate(String schemaResource, String json) {
        return schema(schemaResource).validate(parse(json));
    }

    /**
     * The first example of a type's schema as a fresh event: a new id, the given subject, and the given data
     * fields replaced (values are converted with Jackson, so UUIDs, lists and instants work).
     */
    public static String exampleEvent(String eventType, String subject, Map<String, ?> dataOverrides) {
        com.fasterxml.jackson.databind.node.ObjectNode event =
                (com.fasterxml.jackson.databind.node.ObjectNode) parse(examples(eventType).get(0));
        event.put("id", java.util.UUID.randomUUID().toString());
        event.put("subject", subject);
        com.fasterxml.jackson.databind.node.ObjectNode data = (com.fasterxml.jackson.databind.node.ObjectNode) event.get("data");
        ObjectMapper mapper = dev.itsm.contracts.EventCodec.defaultMapper();
        dataOverrides.forEach((field, value) -> data.set(field, mapper.valueToTree(value)));
        return event.toString();
    }

    /** The examples of an event type's schema, as JSON texts ready to publish. */
    public static List<String> examples(String eventType) {
        return examplesOf(EventTypes.schemaResource(eventType));
    }

    /** The examples of any schema in the contracts module, e.g. {@code schemas/alertmanager.webhook.v4.schema.json}. */
    public static List<String> examplesOf(String schemaResource) {
        JsonNode schema = parse(read(schemaResource));
        List<String> out = new ArrayList<>();
        schema.path("examples").forEach(node -> out.add(node.toString()));
        if (out.isEmpty()) {
            throw new AssertionError(schemaResource + " has no examples");
        }
        return out;
    }

    private static JsonSchema schema(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return FACTORY.getSchema(SchemaLocation.of("classpath:" + r), config);
        });
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no schema resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
