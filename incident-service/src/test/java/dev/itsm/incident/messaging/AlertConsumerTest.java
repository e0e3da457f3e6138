package dev.itsm.incident.messaging;

import dev.itsm.contracts.Topics;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Alerts in Alertmanager's webhook format, through the real topic and through the HTTP receiver. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class AlertConsumerTest {
    private final String reader = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");
    private final String alertmanager = TestTokens.forIntegration("alertmanager", "ALERT_SOURCE");

    static String webhook(String status, String fingerprint, String service, String alertName, String startsAt) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"%3$s\\"}","status":"%1$s","receiver":"itsm",
                 "groupLabels":{"alertname":"%3$s"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
                 "alerts":[{"status":"%1$s","labels":{"alertname":"%3$s","service":"%2$s","severity":"critical"},
                            "annotations":{"summary":"%3$s on %2$s"},"startsAt":"%5$s",
                            "endsAt":"%6$s","fingerprint":"%4$s"}]}"""
                .formatted(status, service, alertName, fingerprint, startsAt,
                        status.equals("resolved") ? "2026-11-23T09:00:00Z" : "0001-01-01T00:00:00Z");
    }

    private ValidatableResponse incidentsOf(String fingerprint) {
        return given().auth().oauth2(reader).queryParam("alertFingerprint", fingerprint)
                .get("/api/incidents").then().statusCode(200);
    }

    private void awaitIncidents(String fingerprint, int total, String firstStatus, int alertCount) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> incidentsOf(fingerprint)
                .body("total", equalTo(total))
                .body("items[0].status", equalTo(firstStatus))
                .body("items[0].alertCount", equalTo(alertCount)));
    }

    @Test
    void oneIncidentPerOpenFingerprintAndAResolvedAlertResolvesIt() {
        String fingerprint = UUID.randomUUID().toString().substring(0, 16);
        String service = "svc-" + fingerprint.substring(0, 6);
        String firing = webhook("firing", fingerprint, service, "HighRequestLatency", "2026-11-23T08:00:00Z");

        TestKafka.send(Topics.ALERTS, fingerprint, firing);
        awaitIncidents(fingerprint, 1, "NEW", 1);
        incidentsOf(fingerprint).body("items[0].priority", equalTo("P1")).body("items[0].origin", equalTo("ALERT"));

        // Every further firing notification of the alert counts on the open incident.
        TestKafka.send(Topics.ALERTS, fingerprint, firing);
        TestKafka.send(Topics.ALERTS, fingerprint, webhook("firing", fingerprint, service, "HighRequestLatency", "2026-11-23T08:05:00Z"));
        awaitIncidents(fingerprint, 1, "NEW", 3);

        TestKafka.send(Topics.ALERTS, fingerprint, webhook("resolved", fingerprint, service, "HighRequestLatency", "2026-11-23T08:00:00Z"));
        awaitIncidents(fingerprint, 1, "RESOLVED", 3);

        // Firing again long after resolution (the alert ended at 09:00, beyond the flap window) is a new disruption.
        TestKafka.send(Topics.ALERTS, fingerprint, webhook("firing", fingerprint, service, "HighRequestLatency", "2026-11-23T10:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> incidentsOf(fingerprint).body("total", equalTo(2)));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextOneIsProcessed() {
        String marker = "poison-" + UUID.randomUUID();
        TestKafka.send(Topics.ALERTS, marker, "{\"" + marker + "\": true");
        String fingerprint = UUID.randomUUID().toString().substring(0, 16);
        TestKafka.send(Topics.ALERTS, marker, webhook("firing", fingerprint, "svc-after-poison", "DiskFull", "2026-11-23T08:00:00Z"));

        TestKafka.awaitRecords(Topics.deadLetter(Topics.ALERTS), r -> r.value().contains(marker), 1);
        awaitIncidents(fingerprint, 1, "NEW", 1);
    }

    @Test
    void theHttpReceiverTakesAlertmanagerWebhooksFromAlertSourcesOnly() {
        String fingerprint = UUID.randomUUID().toString().substring(0, 16);
        String firing = webhook("firing", fingerprint, "svc-http", "QueueBacklog", "2026-11-23T08:00:00Z");

        given().auth().oauth2(reader).contentType(ContentType.JSON).body(firing)
                .post("/api/alerts/alertmanager").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(firing)
                .post("/api/alerts/alertmanager").then().statusCode(401);
        given().auth().oauth2(alertmanager).contentType(ContentType.JSON).body("{\"version\":\"4\"}")
                .post("/api/alerts/alertmanager").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(alertmanager).contentType(ContentType.JSON).body(firing)
                .post("/api/alerts/alertmanager").then().statusCode(200)
                .body("alerts", equalTo(1)).body("outcomes[0].action", equalTo("OPENED"));
        given().auth().oauth2(alertmanager).contentType(ContentType.JSON).body(firing)
                .post("/api/alerts/alertmanager").then().statusCode(200);
        incidentsOf(fingerprint).body("total", equalTo(1)).body("items[0].alertCount", equalTo(1));

        given().auth().oauth2(alertmanager).contentType(ContentType.JSON)
                .body(webhook("resolved", fingerprint, "svc-http", "QueueBacklog", "2026-11-23T08:00:00Z"))
                .post("/api/alerts/alertmanager").then().statusCode(200)
                .body("outcomes[0].action", equalTo("RESOLVED"));
        incidentsOf(fingerprint).body("items[0].status", equalTo("RESOLVED"));
    }

    @Test
    void pagerDutyEventsAreAcceptedToo() {
        String dedup = "pd-" + UUID.randomUUID();
        given().auth().oauth2(alertmanager).contentType(ContentType.JSON)
                .body("""
                        {"routing_key":"payroll","event_action":"trigger","dedup_key":"%s",
                         "payload":{"summary":"Payroll DB connections exhausted","source":"db-1","severity":"error"}}""".formatted(dedup))
                .post("/api/alerts/pagerduty").then().statusCode(200).body("outcomes[0].action", equalTo("OPENED"));
        incidentsOf("payroll:" + dedup).body("total", equalTo(1)).body("items[0].priority", equalTo("P2"));
    }
}
