package dev.itsm.e2e;

import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.AlertmanagerPayloads;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.TestKafka;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The whole loop with the five services as real processes: Alertmanager alerts on Kafka become incidents,
 * three similar ones raise a problem by themselves, the resolved problem becomes a draft change, and the
 * implemented change closes the problem; the right people are told along the way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentToChangeLoopTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static RunningSuite suite;

    /** Letters only, so the symptom signature keeps it and each run has its own cluster. */
    private static final String ALERT_NAME = "PayrollExportStalled" + letters(8);
    private static final String SERVICE = "payroll";
    private static final List<String> FINGERPRINTS = List.of(hex(), hex(), hex());

    private static final Map<String, String> SENT = new java.util.HashMap<>();
    private static String problemId;
    private static String changeId;
    private static List<String> incidentIds;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.reportMemoryAndStop();
        }
    }

    private static RequestSpecification as(String username, String service) {
        return given().baseUri(suite.url(service)).auth().oauth2(suite.tokenFor(username)).contentType(ContentType.JSON);
    }

    @Test
    @Order(1)
    void alertsOnKafkaBecomeOneIncidentPerFingerprint() {
        for (int i = 0; i < FINGERPRINTS.size(); i++) {
            String record = AlertmanagerPayloads.firing(FINGERPRINTS.get(i), SERVICE, ALERT_NAME, "node-" + i);
            SENT.put(FINGERPRINTS.get(i), record);
            suite.send(Topics.ALERTS, FINGERPRINTS.get(i), record);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(incidentsOfThisRun()).hasSize(3));
        incidentIds = incidentsOfThisRun().stream().map(i -> (String) i.get("id")).toList();
        assertThat(incidentsOfThisRun()).allSatisfy(incident -> {
            assertThat(incident.get("priority")).isEqualTo("P1");
            assertThat(incident.get("assignmentGroup")).as("Tier 1 of payroll from the directory").isEqualTo("service-desk");
        });
    }

    @Test
    @Order(2)
    void aRepeatedNotificationCountsOnTheOpenIncidentAndOpensNothing() {
        // Alertmanager re-sends a firing alert's notification; each record is a repeat of the alert (a redelivered
        // record, by contrast, changes nothing: the consumer stores partition offsets with its effects).
        suite.send(Topics.ALERTS, FINGERPRINTS.get(0), SENT.get(FINGERPRINTS.get(0)));
        // A later record proves the repeat has been consumed before we look.
        String marker = hex();
        suite.send(Topics.ALERTS, FINGERPRINTS.get(0), AlertmanagerPayloads.firing(marker, "email", "MarkerAlert" + letters(6), "m"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(incidentsWithFingerprint(marker)).hasSize(1));
        assertThat(incidentsOfThisRun()).hasSize(3);
        assertThat(incidentsWithFingerprint(FINGERPRINTS.get(0))).singleElement()
                .satisfies(incident -> assertThat(incident.get("alertCount")).isEqualTo(2));
    }

    @Test
    @Order(3)
    void aMalformedAlertGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        String marker = "malformed-" + UUID.randomUUID();
        suite.send(Topics.ALERTS, marker, "{\"version\":\"4\",\"alerts\":\"" + marker + "\"}");
        String next = hex();
        suite.send(Topics.ALERTS, marker, AlertmanagerPayloads.firing(next, "vpn", "VpnTunnelDown" + letters(6), "gw-1"));
        assertThat(suite.awaitRecord(Topics.deadLetter(Topics.ALERTS), marker)).contains(marker);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(incidentsWithFingerprint(next)).hasSize(1));
    }

    @Test
    @Order(4)
    void threeSimilarIncidentsRaiseExactlyOneProblemWithItsReason() {
        await().atMost(PATIENCE).untilAsserted(() -> as("pat.problem", "problem-service")
                .queryParam("serviceCode", SERVICE).queryParam("size", 200).get("/api/problems")
                .then().statusCode(200)
                .body("items.findAll { it.explanation != null && it.explanation.incidentIds.contains('" + incidentIds.get(0) + "') }.size()", equalTo(1)));
        problemId = as("pat.problem", "problem-service").queryParam("serviceCode", SERVICE).queryParam("size", 200)
                .get("/api/problems").then().extract()
                .path("items.find { it.explanation != null && it.explanation.incidentIds.contains('" + incidentIds.get(0) + "') }.id");
        as("pat.problem", "problem-service").get("/api/problems/{id}", problemId).then().statusCode(200)
                .body("status", equalTo("NEW"))
                .body("origin", equalTo("CLUSTERING"))
                .body("explanation.rule", notNullValue())
                .body("explanation.threshold", equalTo(3))
                .body("explanation.windowMinutes", equalTo(60))
                .body("explanation.incidentIds", containsInAnyOrder(incidentIds.toArray()));

        // incident-service links its incidents back to the problem.
        await().atMost(PATIENCE).untilAsserted(() -> as("sam.servicedesk", "incident-service")
                .queryParam("problemId", problemId).get("/api/incidents").then().body("total", equalTo(3)));
    }

    @Test
    @Order(5)
    void theRightPeopleAreToldOnce() {
        // Problem Manager on the raised problem; the payroll assignment group on the P1 incidents.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inbox("pat.problem"))
                .filteredOn(n -> String.valueOf(n.get("subject")).equals(problemId)).hasSize(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inbox("sam.servicedesk"))
                .filteredOn(n -> incidentIds.contains(String.valueOf(n.get("subject")))).hasSize(3));
        assertThat(inbox("chris.change")).filteredOn(n -> String.valueOf(n.get("subject")).equals(problemId)).isEmpty();
    }

    @Test
    @Order(6)
    void resolvingTheProblemDraftsAChangeWithTheEvidence() {
        as("pat.problem", "problem-service").body("{}").post("/api/problems/{id}/assess", problemId).then().statusCode(200);
        as("pat.problem", "problem-service").body("{}").post("/api/problems/{id}/analyse", problemId).then().statusCode(200);
        as("pat.problem", "problem-service")
                .body(Map.of("rootCause", "export job holds a table lock for the whole run", "fix", "batch the export in 1k-row chunks"))
                .post("/api/problems/{id}/fix", problemId).then().statusCode(200);
        // The problem manager resolves; a technician could not close it.
        as("tina.tier1", "problem-service").body(Map.of("reason", "done")).post("/api/problems/{id}/close", problemId)
                .then().statusCode(403);
        as("pat.problem", "problem-service")
                .body(Map.of("rootCause", "export job holds a table lock for the whole run", "fix", "batch the export in 1k-row chunks"))
                .post("/api/problems/{id}/resolve", problemId).then().statusCode(200).body("status", equalTo("RESOLVED"));

        await().atMost(PATIENCE).untilAsserted(() -> as("chris.change", "change-service")
                .queryParam("problemId", problemId).get("/api/changes").then().statusCode(200).body("total", equalTo(1)));
        changeId = as("chris.change", "change-service").queryParam("problemId", problemId).get("/api/changes")
                .then().extract().path("items[0].id");
        as("chris.change", "change-service").get("/api/changes/{id}", changeId).then().statusCode(200)
                .body("status", equalTo("NEW"))
                .body("type", equalTo("NORMAL"))
                .body("serviceCode", equalTo(SERVICE))
                .body("evidence.rootCause", equalTo("export job holds a table lock for the whole run"))
                .body("evidence.incidentIds", containsInAnyOrder(incidentIds.toArray()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inbox("chris.change"))
                .filteredOn(n -> String.valueOf(n.get("subject")).equals(changeId)).hasSizeGreaterThanOrEqualTo(1));
    }

    @Test
    @Order(7)
    void anImplementedChangeClosesTheProblem() {
        String owner = as("chris.change", "change-service").get("/api/changes/{id}", changeId).then().extract().path("ownerId");
        assertThat(owner).as("the payroll service owner owns the change").isEqualTo(suite.personId("olive.owner"));

        as("olive.owner", "change-service").body("{}").post("/api/changes/{id}/submit", changeId).then().statusCode(200);
        as("chris.change", "change-service").body(Map.of("risk", "LOW", "notes", "reversible"))
                .post("/api/changes/{id}/assess", changeId).then().statusCode(200).body("status", equalTo("AUTHORIZE"));
        // The owner never approves their own change, even as a CAB member would.
        as("olive.owner", "change-service").body(Map.of("comment", "looks good to me"))
                .post("/api/changes/{id}/approve", changeId).then().statusCode(403);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inbox("carl.cab"))
                .filteredOn(n -> String.valueOf(n.get("subject")).equals(changeId)).hasSizeGreaterThanOrEqualTo(1));
        as("carl.cab", "change-service").body(Map.of("comment", "approved at CAB"))
                .post("/api/changes/{id}/approve", changeId).then().statusCode(200);
        // A window of its own, so that runs against the same database never collide with each other.
        java.time.Instant start = java.time.Instant.parse("2031-01-01T00:00:00Z").plus(java.time.Duration.ofHours(new Random().nextInt(200_000)));
        as("chris.change", "change-service")
                .body(Map.of("plannedStart", start.toString(), "plannedEnd", start.plusSeconds(3600).toString()))
                .post("/api/changes/{id}/schedule", changeId).then().statusCode(200).body("status", equalTo("SCHEDULED"));
        as("olive.owner", "change-service").body("{}").post("/api/changes/{id}/implement", changeId).then().statusCode(200);
        as("olive.owner", "change-service").body(Map.of("result", "deployed export 2.4.1"))
                .post("/api/changes/{id}/complete", changeId).then().statusCode(200).body("status", equalTo("REVIEW"));

        await().atMost(PATIENCE).untilAsserted(() -> as("pat.problem", "problem-service").get("/api/problems/{id}", problemId)
                .then().body("status", equalTo("CLOSED")));

        as("chris.change", "change-service").body(Map.of("outcome", "SUCCESSFUL", "notes", "no stalls since"))
                .post("/api/changes/{id}/close", changeId).then().statusCode(200).body("status", equalTo("CLOSED"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inbox("pat.problem"))
                .filteredOn(n -> String.valueOf(n.get("subject")).equals(problemId)).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    @Order(8)
    void everyWriteNeedsAToken() {
        for (String service : RunningSuite.SERVICES) {
            given().baseUri(suite.url(service)).contentType(ContentType.JSON).body("{}")
                    .post(RunningSuite.WRITE_PATHS.get(service)).then()
                    .statusCode(401).contentType("application/problem+json");
        }
        given().baseUri(suite.url("incident-service")).get("/q/health/ready").then().statusCode(200);
        given().baseUri(suite.url("directory-service")).get("/api/roles").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(30)).body("code", hasItem("PROBLEM_MANAGER"));
    }

    @Test
    @Order(9)
    void anUnownedP4WarnsAtHalfItsTimeToOwnAndItsBreachEscalatesToTier2sOnCallMemberWhoEscalatesToTier3() {
        // The Incident Manager puts Tom on call for payroll's Tier 2; every service's directory copy learns it from the topic.
        java.time.Instant now = java.time.Instant.now();
        String shift = as("ivan.incident", "directory-service").body(Map.of("personId", suite.personId("tom.tier2"),
                        "startsAt", now.minusSeconds(3600).toString(), "endsAt", now.plusSeconds(7200).toString()))
                .post("/api/on-call/payroll-tier2").then().statusCode(201).extract().path("id");
        suite.awaitRecord(Topics.DIRECTORY_EVENTS, shift);

        String id = as("sam.servicedesk", "incident-service")
                .body(Map.of("title", "Payslip PDF shows the wrong logo", "serviceCode", SERVICE, "impact", "LOW", "urgency", "MEDIUM"))
                .post("/api/incidents").then().statusCode(201).body("priority", equalTo("P4"))
                .body("sla[0].targetSeconds", equalTo((int) RunningSuite.P4_TIME_TO_OWN.toSeconds()))
                .extract().path("id");

        // Published by incident-service when half the time to own has passed, then at the breach.
        String warning = TestKafka.awaitRecords(suite.kafkaBootstrap(), Topics.INCIDENT_EVENTS, r -> id.equals(r.key())
                && r.value().contains("\"itsm.incident.sla-threshold-reached.v1\"") && r.value().contains("\"threshold\":50"), 1)
                .get(0).value();
        ContractSchemas.assertValidEvent(warning);
        await().atMost(PATIENCE).untilAsserted(() -> as("sam.servicedesk", "incident-service").get("/api/incidents/{id}", id)
                .then().statusCode(200).body("assignmentGroup", equalTo("payroll-tier2")).body("escalationTier", equalTo(2))
                .body("assigneeId", equalTo(suite.personId("tom.tier2"))).body("sla[0].state", equalTo("BREACHED")));
        String escalated = TestKafka.awaitRecords(suite.kafkaBootstrap(), Topics.INCIDENT_EVENTS, r -> id.equals(r.key())
                && r.value().contains("\"itsm.incident.escalated.v1\""), 1).get(0).value();
        ContractSchemas.assertValidEvent(escalated);
        assertThat(escalated).contains("\"automatic\":true").contains("\"toGroup\":\"payroll-tier2\"")
                .contains("\"assigneeId\":\"" + suite.personId("tom.tier2") + "\"");

        // Tom, on call, takes it, finds it needs engineering, and escalates it by hand to Tier 3.
        as("tom.tier2", "incident-service").body("{}").post("/api/incidents/{id}/accept", id).then().statusCode(200);
        as("tom.tier2", "incident-service").body(Map.of("reason", "the logo comes from the template engine"))
                .post("/api/incidents/{id}/escalate", id).then().statusCode(200)
                .body("assignmentGroup", equalTo("payroll-tier3")).body("escalationTier", equalTo(3));
        as("sam.servicedesk", "incident-service").queryParam("size", 200).get("/api/incidents/{id}/timeline", id).then()
                .statusCode(200).body("items.findAll { it.kind == 'SLA' }.size()", greaterThanOrEqualTo(3))
                .body("items.findAll { it.kind == 'ESCALATION' }.size()", greaterThanOrEqualTo(2));
    }

    private List<Map<String, Object>> incidentsOfThisRun() {
        return as("sam.servicedesk", "incident-service").queryParam("serviceCode", SERVICE).queryParam("size", 200)
                .get("/api/incidents").then().statusCode(200).extract().<List<Map<String, Object>>>path("items")
                .stream().filter(i -> FINGERPRINTS.contains((String) i.get("alertFingerprint"))).toList();
    }

    private List<Map<String, Object>> incidentsWithFingerprint(String fingerprint) {
        return as("sam.servicedesk", "incident-service").queryParam("alertFingerprint", fingerprint)
                .get("/api/incidents").then().statusCode(200).extract().path("items");
    }

    private List<Map<String, Object>> inbox(String username) {
        return as(username, "notification-service").queryParam("size", 200).get("/api/notifications")
                .then().statusCode(200).extract().path("items");
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String letters(int n) {
        Random random = new Random();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
