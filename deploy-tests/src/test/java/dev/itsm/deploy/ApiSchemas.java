package dev.itsm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The schemas kept under src/test/resources/schemas, one per kind and API version (see the README there). */
final class ApiSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().build();

    private final Map<String, Path> files;
    private final Map<String, JsonSchema> loaded = new ConcurrentHashMap<>();

    ApiSchemas() {
        try (Stream<Path> walk = Files.walk(Path.of(ApiSchemas.class.getResource("/schemas").toURI()))) {
            files = walk.filter(p -> p.toString().endsWith(".json"))
                    .collect(Collectors.toMap(p -> p.getFileName().toString(), p -> p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** deployment_apps_v1.json, service_core_v1.json, kafka_kafka-strimzi-io_v1.json, ... */
    static String fileName(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash).replace('.', '-');
        String version = apiVersion.substring(slash + 1);
        return kind.toLowerCase() + "_" + group + "_" + version + ".json";
    }

    Optional<List<String>> validate(JsonNode object) {
        String file = fileName(object.path("apiVersion").asText(), object.path("kind").asText());
        Path path = files.get(file);
        if (path == null) {
            return Optional.empty();
        }
        JsonSchema schema = loaded.computeIfAbsent(file, f -> {
            try {
                return FACTORY.getSchema(JSON.readTree(path.toFile()), CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Optional.of(schema.validate(JSON.valueToTree(object)).stream().map(ValidationMessage::getMessage).sorted().toList());
    }
}
