package dev.itsm.kit.messaging;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientsTest {

    @Test
    void theKitsOwnClientsTakeTheConnectionAndSecuritySettingsOfTheChannelsAndNothingElse() {
        // What Quarkus makes of kafka.* properties and KAFKA_* environment variables (KAFKA_SASL_JAAS_CONFIG -> sasl.jaas.config).
        KafkaClients clients = new KafkaClients(Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"incident-service\" password=\"x\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/kafka-ca/ca.crt",
                "auto.offset.reset", "earliest",
                "group.id", "incident-service"));

        Map<String, Object> producer = clients.with(Map.of("client.id", "incident-service-outbox"));
        assertThat(producer).containsEntry("bootstrap.servers", "kafka:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt").containsEntry("client.id", "incident-service-outbox")
                .doesNotContainKeys("auto.offset.reset", "group.id");
    }
}
