package dev.itsm.notification.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import dev.itsm.notification.testing.Directory;
import dev.itsm.notification.testing.MailSink;
import dev.itsm.notification.testing.WebhookReceiver;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: a measurement, run on demand with
 * {@code mvn -pl notification-service -am verify -Dnotification.bench=true -Dtest=NotificationDeliveryBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dnotification.bench.events=N}). It prints how many incident events per second become an e-mail and a signed
 * webhook each (consume, route, store, claim, send, record) next to the raw send rate of the same mailer and the
 * same HTTP client against the same GreenMail and the same local receiver, in the same run. Throttling is off:
 * every event is a message.
 */
@QuarkusTest
@TestProfile(NotificationDeliveryBench.Unthrottled.class)
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "notification-service"))
@QuarkusTestResource(MailSink.class)
@EnabledIfSystemProperty(named = "notification.bench", matches = "true")
class NotificationDeliveryBench {
    public static class Unthrottled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("itsm.notification.throttle.enabled", "false");
        }
    }

    private static final int EVENTS = Integer.getInteger("notification.bench.events", 2000);

    @Inject
    ReactiveMailer mailer;
    @Inject
    WebhookSender webhooks;

    @Test
    void measure() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int concurrency = 64;
            // Raw: the same mailer and the same client, as fast as they go with the sender's concurrency.
            long t0 = System.nanoTime();
            Multi.createFrom().range(0, EVENTS).onItem().transformToUni(i -> mailer.send(Mail.withText("raw-" + (i % 20) + "@example.org",
                    "raw " + i, "raw body " + i))).merge(concurrency).collect().last().await().atMost(Duration.ofMinutes(10));
            double rawMail = EVENTS / seconds(t0);
            String rawUrl = receiver.url("/raw");
            long t1 = System.nanoTime();
            Multi.createFrom().range(0, EVENTS).onItem().transformToUni(i -> webhooks.client().postAbs(rawUrl)
                    .sendBuffer(Buffer.buffer("{\"raw\":" + i + "}"))).merge(concurrency).collect().last().await().atMost(Duration.ofMinutes(10));
            double rawHttp = EVENTS / seconds(t1);

            // Through the service: one person, on call, e-mail and a webhook subscription.
            String s = UUID.randomUUID().toString().substring(0, 8);
            UUID person = UUID.randomUUID();
            String group = "bench-" + s;
            String address = "bench-" + s + "@example.org";
            Directory.group(group, "TIER_2", 2, "svc-" + s);
            Directory.person(person, address, null, List.of("IN_APP", "EMAIL"), List.of(group), List.of());
            given().auth().oauth2(TestTokens.forPerson(person.toString())).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url("/bench"))).post("/api/webhooks").then().statusCode(201);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                UUID probe = UUID.randomUUID();
                TestKafka.send(Topics.INCIDENT_EVENTS, probe.toString(), event(probe, "svc-" + s, group));
                return !receiver.at("/bench").isEmpty();
            });
            int mailBefore = MailSink.messagesTo(address).size();
            int hooksBefore = receiver.at("/bench").size();
            long t2 = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                for (int i = 0; i < EVENTS; i++) {
                    UUID incident = UUID.randomUUID();
                    producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS, incident.toString(), event(incident, "svc-" + s, group)));
                }
            }
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                    MailSink.messagesTo(address).size() - mailBefore >= EVENTS && receiver.at("/bench").size() - hooksBefore >= EVENTS);
            double pipeline = EVENTS / seconds(t2);
            System.out.printf("%n%nNotification delivery, %d incident events, one recipient (1 e-mail + 1 signed webhook each), concurrency %d%n",
                    EVENTS, concurrency);
            System.out.printf("  raw mailer -> GreenMail         %8.0f mails/s%n", rawMail);
            System.out.printf("  raw HTTP client -> receiver     %8.0f posts/s%n", rawHttp);
            System.out.printf("  events -> e-mail + webhook      %8.0f events/s (%.0f deliveries/s; %.0f%% of the raw mail rate)%n%n",
                    pipeline, 2 * pipeline, 100 * pipeline / rawMail);
        }
    }

    private static String event(UUID incident, String service, String group) {
        return ContractSchemas.exampleEvent(EventTypes.INCIDENT_OPENED, incident.toString(), Map.of("incidentId", incident,
                "priority", "P3", "serviceCode", service, "assignmentGroup", group));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
