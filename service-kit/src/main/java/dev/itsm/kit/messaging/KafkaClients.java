package dev.itsm.kit.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for the Kafka clients the kit builds itself (outbox producer, dead-letter producer, admin
 * clients). They come from the same {@code kafka.*} configuration as the messaging channels, so bootstrap
 * servers, SASL and TLS are configured once for every client of a service: e.g. environment variables
 * {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL}, {@code KAFKA_SASL_MECHANISM=SCRAM-SHA-512},
 * {@code KAFKA_SASL_JAAS_CONFIG=...}, {@code KAFKA_SSL_TRUSTSTORE_TYPE=PEM}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION=...}.
 */
@ApplicationScoped
public class KafkaClients {
    private final Map<String, Object> common;

    @Inject
    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> defaults) {
        Map<String, Object> settings = new HashMap<>();
        defaults.forEach((key, value) -> {
            // Only client-wide settings: connection, security and timeouts; serializers and groups are per client.
            if (key.startsWith("bootstrap.") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.") || key.startsWith("client.dns.") || key.equals("request.timeout.ms")) {
                settings.put(key, value);
            }
        });
        this.common = Map.copyOf(settings);
    }

    /** The shared settings plus the client's own. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> merged = new HashMap<>(common);
        merged.putAll(own);
        return merged;
    }

    public String bootstrapServers() {
        return String.valueOf(common.get("bootstrap.servers"));
    }
}
