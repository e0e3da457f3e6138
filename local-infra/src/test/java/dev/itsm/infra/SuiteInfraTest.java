package dev.itsm.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real broker and database come up, serve a service user and a round trip, and tokens verify. */
class SuiteInfraTest {

    @Test
    void aServiceUserOwnsItsDatabase() throws Exception {
        SuiteInfra infra = SuiteInfra.get();
        String db = infra.database("infra_check");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + infra.dbHost() + ":" + infra.dbPort() + "/" + db, db, db)) {
            connection.createStatement().execute("create table if not exists probe (id int)");
            ResultSet owner = connection.createStatement().executeQuery("select current_user");
            owner.next();
            assertThat(owner.getString(1)).isEqualTo(db);
        }
    }

    @Test
    void aRecordMakesTheRoundTrip() throws Exception {
        SuiteInfra infra = SuiteInfra.get();
        String topic = "infra-check-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                records.forEach(r -> seen.add(r.value()));
                return !seen.isEmpty();
            });
        }
        assertThat(seen).containsExactly("hello");
    }

    @Test
    void testTokensVerifyWithThePublicKey() throws Exception {
        String token = TestTokens.forPerson("pat", "PROBLEM_MANAGER");
        String[] parts = token.split("\\.");
        String pem = Files.readString(SuiteInfra.get().publicKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .contains("\"groups\":[\"PROBLEM_MANAGER\"]").contains("\"iss\":\"itsm-directory\"");
    }
}
