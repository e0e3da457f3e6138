package dev.itsm.incident.access;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.AlertmanagerPayloads;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.ScopedRole;
import dev.itsm.kit.testing.AccessProbes;
import dev.itsm.kit.testing.AccessProbes.ProbeClass;
import dev.itsm.kit.testing.PolicyDocument;
import dev.itsm.kit.testing.ProbeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The probe matrix of incident-service, from docs/access-policy.md, with group, assignee and reporter probes. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class IncidentAccessProbeTest {
    @TestHTTPResource("/")
    URL base;

    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);

    @Test
    void everyEndpointAnswersEveryRoleAndEveryBadTokenAsThePolicySays() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String service = "probe-" + suffix;
        String group = "probe-tier2-" + suffix;
        // The service's first line is a Tier 2 group here, so that its incidents land in that group.
        Map<String, Object> serviceData = new HashMap<>();
        serviceData.put("code", service);
        serviceData.put("name", service);
        serviceData.put("tier1Group", group);
        serviceData.put("version", 1);
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.service(service),
                ContractSchemas.exampleEvent(EventTypes.DIRECTORY_SERVICE, DirectoryKeys.service(service), serviceData));
        String reporterId = UUID.randomUUID().toString();
        String reporter = tokens.person(reporterId, "USER");
        String incident = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var created = given().auth().oauth2(reporter).contentType(ContentType.JSON)
                    .body(Map.of("title", "Probe incident", "serviceCode", service, "impact", "LOW", "urgency", "LOW"))
                    .post("/api/incidents").then().statusCode(201).extract();
            return group.equals(created.path("assignmentGroup")) ? created.<String>path("id") : null;
        }, java.util.Objects::nonNull);
        String assigneeId = UUID.randomUUID().toString();
        given().auth().oauth2(tokens.person(assigneeId, List.of(ScopedRole.global("TECHNICIAN"), new ScopedRole("TIER_2", service, group))))
                .contentType(ContentType.JSON).body("{}").post("/api/incidents/{id}/accept", incident).then().statusCode(200)
                .body("assigneeId", equalTo(assigneeId));

        String revokedSubject = "revoked-" + UUID.randomUUID();
        String revoked = tokens.person(revokedSubject, "INCIDENT_MANAGER");
        given().auth().oauth2(revoked).get("/api/incidents/{id}", incident).then().statusCode(200);
        Instant now = Instant.now();
        String key = DirectoryKeys.revokedSubject(revokedSubject);
        TestKafka.send(Topics.DIRECTORY_EVENTS, key, ContractSchemas.exampleEvent(EventTypes.DIRECTORY_CREDENTIAL_REVOKED, key,
                Map.of("subjectId", revokedSubject, "subjectKind", "PERSON", "notBefore", now, "revokedAt", now, "version", now.toEpochMilli())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(revoked).get("/api/incidents/{id}", incident).then().statusCode(401));

        AccessProbes.Fixture fixture = new AccessProbes.Fixture(incident, new RecordScope(service, group, assigneeId, null, reporterId));
        String alert = AlertmanagerPayloads.firing("probe-" + suffix, service, "ProbeAlert", "node-1");
        AccessProbes probes = new AccessProbes(base.toString(), "incident-service", PolicyDocument.load(), tokens)
                .record("{id}", incident, fixture)
                .placeholder("{recordType}", "incident")
                .placeholder("{recordId}", incident)
                .list("GET /api/incidents", fixture)
                .query("GET /api/incidents", "serviceCode=" + service + "&size=200")
                .body("POST /api/incidents", "{\"title\":\"Probe\",\"serviceCode\":\"" + service + "\",\"impact\":\"LOW\",\"urgency\":\"LOW\"}")
                .query("GET /api/incidents/metrics", "serviceCode=" + service)
                // Valid bodies, so that validation never answers before access does. The assignment names a group the
                // directory does not know and the escalation gives no reason: whoever is allowed gets 422 and the
                // incident keeps the group and assignee the group and assignee probes rely on.
                .body("POST /api/incidents/{id}/classify", "{\"impact\":\"LOW\",\"urgency\":\"LOW\"}")
                .body("POST /api/incidents/{id}/update", "{\"title\":\"Probe incident\"}")
                .body("POST /api/incidents/{id}/assign", "{\"group\":\"no-such-group-" + suffix + "\"}")
                .body("POST /api/incidents/{id}/work-note", "{\"text\":\"probe work note\"}")
                .body("POST /api/incidents/{id}/comment", "{\"text\":\"probe comment\"}")
                .body("POST /api/incidents/{id}/major", "{\"reason\":\"probe declaration\"}")
                .body("POST /api/incidents/{id}/major/updates", "{\"message\":\"probe update\"}")
                .body("POST /api/incidents/{id}/major/review", "{\"summary\":\"probe\",\"contributingFactors\":[\"probe\"]}")
                .body("POST /api/alerts/alertmanager", alert)
                .body("POST /api/alerts", alert)
                .body("POST /api/alerts/pagerduty", "{\"routing_key\":\"" + service + "\",\"event_action\":\"trigger\",\"dedup_key\":\"probe-pd-"
                        + suffix + "\",\"payload\":{\"summary\":\"probe\",\"source\":\"probe\",\"severity\":\"warning\"}}")
                .everyBadToken("INCIDENT_MANAGER", "problem-service", Files.readString(SuiteInfra.get().publicKey()), revoked)
                .run();

        propertyLevel(probes, service);
        probes.assertAllAsDocumented();
    }

    /** Priority, status, group, assignee and timestamps are the server's; only the desk reports for someone else. */
    private void propertyLevel(AccessProbes probes, String service) {
        String userId = UUID.randomUUID().toString();
        String user = tokens.person(userId, "USER");
        given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe", "serviceCode", service, "impact", "LOW", "urgency", "LOW", "priority", "P1",
                        "status", "RESOLVED", "assignmentGroup", "elsewhere", "assigneeId", "someone", "openedAt", "2001-01-01T00:00:00Z"))
                .post("/api/incidents").then().statusCode(201)
                .body("priority", equalTo("P5")).body("status", equalTo("NEW")).body("assigneeId", equalTo(null))
                .body("reporterId", equalTo(userId)).body("assignmentGroup", org.hamcrest.Matchers.not(equalTo("elsewhere")));
        for (int i = 0; i < 5; i++) {
            probes.count(ProbeClass.PROPERTY_LEVEL, true);
        }
        given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe", "serviceCode", service, "impact", "LOW", "urgency", "LOW", "reporterId", "someone-else"))
                .post("/api/incidents").then().statusCode(403).body("level", equalTo("property"));
        probes.count(ProbeClass.PROPERTY_LEVEL, true);
        given().auth().oauth2(tokens.person(UUID.randomUUID().toString(), "SERVICE_DESK_ANALYST")).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe", "serviceCode", service, "impact", "LOW", "urgency", "LOW", "reporterId", userId))
                .post("/api/incidents").then().statusCode(201).body("reporterId", equalTo(userId));
        probes.count(ProbeClass.PROPERTY_LEVEL, false);
    }
}
