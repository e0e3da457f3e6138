package dev.itsm.incident.messaging;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.ScopedRole;
import dev.itsm.kit.testing.ProbeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Alerts behave like an on-call tool's, on the real topic and over HTTP: flaps reopen, a higher severity raises
 * the priority, On Hold is respected, PagerDuty's acknowledge accepts; a poll is handled as one batch that keeps
 * order per fingerprint, parks only its bad record, and stays exactly-once when Kafka and HTTP race.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class AlertBehaviourTest {
    private final EventCodec codec = new EventCodec();
    private final String reader = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");
    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);
    private final String alertSource = TestTokens.forIntegration("alertmanager", "ALERT_SOURCE");

    private static String alertmanager(String status, String fingerprint, String service, String severity, String summary) {
        String now = Instant.now().toString();
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}","status":"%1$s","receiver":"itsm",
                 "alerts":[{"status":"%1$s","labels":{"alertname":"DiskFull","service":"%3$s","severity":"%4$s"},
                            "annotations":{"summary":"%5$s"},"startsAt":"%6$s","endsAt":"%7$s","fingerprint":"%2$s"}]}"""
                .formatted(status, fingerprint, service, severity, summary, now, status.equals("resolved") ? now : "0001-01-01T00:00:00Z");
    }

    private static String pagerDuty(String action, String routingKey, String dedupKey) {
        // PagerDuty's documented timestamp form: milliseconds and an offset without a colon.
        String timestamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
                .format(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        return """
                {"routing_key":"%s","event_action":"%s","dedup_key":"%s","client":"Grafana",
                 "payload":{"summary":"Queue backlog growing","source":"mq-1","severity":"warning",
                            "timestamp":"%s","custom_details":{"depth":"12000"}}}"""
                .formatted(routingKey, action, dedupKey, timestamp);
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private ValidatableResponse incidentsOf(String fingerprint) {
        return given().auth().oauth2(reader).queryParam("alertFingerprint", fingerprint).get("/api/incidents").then().statusCode(200);
    }

    private void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(assertion::run);
    }

    private List<EventEnvelope> eventsOf(String incidentId, int count) {
        return TestKafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> incidentId.equals(r.key()), count).stream()
                .map(ConsumerRecord::value).peek(ContractSchemas::assertValidEvent).map(codec::read).toList();
    }

    @Test
    void anAlertThatFiresAgainWithinTheFlapWindowReopensItsIncidentInsteadOfOpeningANewOne() {
        String fp = fingerprint();
        TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "warning", "disk 91% full"));
        eventually(() -> incidentsOf(fp).body("total", equalTo(1)).body("items[0].status", equalTo("NEW")));
        TestKafka.send(Topics.ALERTS, fp, alertmanager("resolved", fp, "payroll", "warning", "disk 91% full"));
        eventually(() -> incidentsOf(fp).body("items[0].status", equalTo("RESOLVED")));
        TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "warning", "disk 93% full"));

        eventually(() -> incidentsOf(fp).body("total", equalTo(1)).body("items[0].status", equalTo("NEW"))
                .body("items[0].flapCount", equalTo(1)).body("items[0].alertCount", equalTo(2))
                .body("items[0].alertState", equalTo("FIRING")));
        String id = incidentsOf(fp).extract().path("items[0].id");
        List<EventEnvelope> events = eventsOf(id, 3);
        assertThat(events).extracting(EventEnvelope::type).containsExactly(EventTypes.INCIDENT_OPENED,
                EventTypes.INCIDENT_STATUS_CHANGED, EventTypes.INCIDENT_STATUS_CHANGED);
        assertThat(events.get(2).data().path("reason").asText()).contains("flap 1");
    }

    @Test
    void aReFireWithAHigherSeverityRaisesThePriorityAndSaysWhy() {
        String fp = fingerprint();
        TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "warning", "latency 800ms"));
        eventually(() -> incidentsOf(fp).body("items[0].priority", equalTo("P3")));
        TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "critical", "latency 4s"));
        eventually(() -> incidentsOf(fp).body("items[0].priority", equalTo("P1")).body("items[0].alertCount", equalTo(2)));
        // A lower severity later never lowers it.
        TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "info", "latency 300ms"));
        eventually(() -> incidentsOf(fp).body("items[0].priority", equalTo("P1")).body("items[0].alertCount", equalTo(3)));

        String id = incidentsOf(fp).extract().path("items[0].id");
        EventEnvelope raised = eventsOf(id, 2).stream().filter(e -> e.type().equals(EventTypes.INCIDENT_REPRIORITISED)).findFirst()
                .orElseThrow();
        assertThat(raised.data().path("from").asText()).isEqualTo("P3");
        assertThat(raised.data().path("to").asText()).isEqualTo("P1");
        assertThat(raised.data().path("reason").asText()).contains("severity critical");
    }

    @Test
    void aResolvedAlertNeverResolvesAnIncidentAPersonPutOnHold() {
        String fp = fingerprint();
        TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "critical", "export stalled"));
        eventually(() -> incidentsOf(fp).body("total", equalTo(1)));
        String id = incidentsOf(fp).extract().path("items[0].id");
        // A Tier 2 member of the group the incident is assigned to: only they (or the Incident Manager) work it.
        String technician = tokens.person("tom-" + UUID.randomUUID(),
                List.of(new ScopedRole("TIER_2", null, incidentsOf(fp).extract().path("items[0].assignmentGroup"))));
        given().auth().oauth2(technician).contentType(ContentType.JSON).body("{}").post("/api/incidents/" + id + "/accept")
                .then().statusCode(200);
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(Map.of("reason", "waiting for the vendor"))
                .post("/api/incidents/" + id + "/hold").then().statusCode(200);

        TestKafka.send(Topics.ALERTS, fp, alertmanager("resolved", fp, "payroll", "critical", "export stalled"));
        eventually(() -> incidentsOf(fp).body("items[0].alertState", equalTo("RESOLVED")));
        incidentsOf(fp).body("items[0].status", equalTo("ON_HOLD")).body("items[0].holdReason", equalTo("waiting for the vendor"));
    }

    @Test
    void pagerDutyTriggerAcknowledgeAndResolveWorkOnKafkaAndOverHttp() {
        String dedupOnKafka = "pd-" + UUID.randomUUID();
        TestKafka.send(Topics.ALERTS, dedupOnKafka, pagerDuty("trigger", "payroll", dedupOnKafka));
        eventually(() -> incidentsOf("payroll:" + dedupOnKafka).body("items[0].status", equalTo("NEW"))
                .body("items[0].reporterId", equalTo("Grafana")));
        TestKafka.send(Topics.ALERTS, dedupOnKafka, pagerDuty("acknowledge", "payroll", dedupOnKafka));
        eventually(() -> incidentsOf("payroll:" + dedupOnKafka).body("items[0].status", equalTo("IN_PROGRESS"))
                .body("items[0].acknowledgedAt", notNullValue()));
        TestKafka.send(Topics.ALERTS, dedupOnKafka, pagerDuty("resolve", "payroll", dedupOnKafka));
        eventually(() -> incidentsOf("payroll:" + dedupOnKafka).body("items[0].status", equalTo("RESOLVED")));

        String dedupOverHttp = "pd-" + UUID.randomUUID();
        for (String[] step : new String[][]{{"trigger", "OPENED", "NEW"}, {"acknowledge", "ACKNOWLEDGED", "IN_PROGRESS"},
                {"resolve", "RESOLVED", "RESOLVED"}}) {
            given().auth().oauth2(alertSource).contentType(ContentType.JSON).body(pagerDuty(step[0], "payroll", dedupOverHttp))
                    .post("/api/alerts/pagerduty").then().statusCode(200).body("outcomes[0].action", equalTo(step[1]));
            incidentsOf("payroll:" + dedupOverHttp).body("items[0].status", equalTo(step[2]));
        }
    }

    @Test
    void anIdenticalWebhookBodyIsARepeatOnlyWithinTheDedupWindow() {
        String dedup = "pd-" + UUID.randomUUID();
        String trigger = pagerDuty("trigger", "payroll", dedup);
        given().auth().oauth2(alertSource).contentType(ContentType.JSON).body(trigger).post("/api/alerts/pagerduty")
                .then().statusCode(200).body("outcomes[0].action", equalTo("OPENED"));
        given().auth().oauth2(alertSource).contentType(ContentType.JSON).body(trigger).post("/api/alerts/pagerduty")
                .then().statusCode(200).body("duplicate", equalTo(true));
        given().auth().oauth2(alertSource).contentType(ContentType.JSON).body(pagerDuty("resolve", "payroll", dedup))
                .post("/api/alerts/pagerduty").then().statusCode(200).body("outcomes[0].action", equalTo("RESOLVED"));

        // Once the window (3 s in tests) has passed, the same trigger is a new signal: the alert is back.
        eventually(() -> given().auth().oauth2(alertSource).contentType(ContentType.JSON).body(trigger).post("/api/alerts/pagerduty")
                .then().statusCode(200).body("duplicate", equalTo(false)).body("outcomes[0].action", equalTo("REOPENED")));
        incidentsOf("payroll:" + dedup).body("total", equalTo(1)).body("items[0].status", equalTo("NEW"))
                .body("items[0].flapCount", equalTo(1));
    }

    @Test
    void alertsOfOneFingerprintInOnePollAreAppliedInOrder() {
        String fp = fingerprint();
        TestKafka.sendAll(Topics.ALERTS, fp, List.of(
                alertmanager("firing", fp, "payroll", "warning", "cpu hot"),
                alertmanager("resolved", fp, "payroll", "warning", "cpu hot"),
                alertmanager("firing", fp, "payroll", "warning", "cpu hot"),
                alertmanager("resolved", fp, "payroll", "warning", "cpu hot")));

        eventually(() -> incidentsOf(fp).body("total", equalTo(1)).body("items[0].status", equalTo("RESOLVED"))
                .body("items[0].flapCount", equalTo(1)).body("items[0].alertCount", equalTo(2)));
        String id = incidentsOf(fp).extract().path("items[0].id");
        List<EventEnvelope> events = eventsOf(id, 4);
        assertThat(events).extracting(e -> e.type() + ":" + e.data().path("to").asText("")).containsExactly(
                EventTypes.INCIDENT_OPENED + ":", EventTypes.INCIDENT_STATUS_CHANGED + ":RESOLVED",
                EventTypes.INCIDENT_STATUS_CHANGED + ":NEW", EventTypes.INCIDENT_STATUS_CHANGED + ":RESOLVED");
    }

    @Test
    void aBadRecordInsideABatchIsParkedAloneAndTheRestOfItsBatchCommits() {
        String before = fingerprint();
        String bad = fingerprint();
        String after = fingerprint();
        // Valid JSON in a valid format, but PostgreSQL refuses text with a NUL character: only the database finds out.
        String poison = alertmanager("firing", bad, "payroll", "critical", "broken \\u0000 summary");
        TestKafka.sendAll(Topics.ALERTS, "same-partition", List.of(
                alertmanager("firing", before, "payroll", "critical", "first"), poison,
                alertmanager("firing", after, "payroll", "critical", "last")));

        eventually(() -> incidentsOf(before).body("total", equalTo(1)));
        eventually(() -> incidentsOf(after).body("total", equalTo(1)));
        var parked = TestKafka.awaitRecords(Topics.deadLetter(Topics.ALERTS), r -> r.value().contains(bad), 1);
        assertThat(new String(parked.get(0).headers().lastHeader("dead-letter-reason").value())).isNotBlank();
        assertThat(new String(parked.get(0).headers().lastHeader("dead-letter-consumer").value())).isEqualTo("incident-service.alerts");
        incidentsOf(bad).body("total", equalTo(0));
    }

    @Test
    void kafkaAndTheWebhookRacingOnTheSameFingerprintsOpenOneIncidentEachAndCountEveryAlert() throws Exception {
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fingerprints.add(fingerprint());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String fp : fingerprints) {
                sent.add(pool.submit(() -> TestKafka.send(Topics.ALERTS, fp, alertmanager("firing", fp, "payroll", "warning", "race " + fp))));
                sent.add(pool.submit(() -> given().auth().oauth2(alertSource).contentType(ContentType.JSON)
                        .body(alertmanager("firing", fp, "payroll", "warning", "race over http " + fp))
                        .post("/api/alerts/alertmanager").then().statusCode(200)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String fp : fingerprints) {
            eventually(() -> incidentsOf(fp).body("total", equalTo(1)).body("items[0].alertCount", equalTo(2)));
        }
    }
}
