package dev.itsm.change.access;

import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.testing.AccessProbes;
import dev.itsm.kit.testing.AccessProbes.ProbeClass;
import dev.itsm.kit.testing.PolicyDocument;
import dev.itsm.kit.testing.ProbeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The probe matrix of change-service, from docs/access-policy.md, plus property-level probes and the segregation of
 * duties between requester, owner, implementer and approvers.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "change-service"))
class ChangeAccessProbeTest {
    @TestHTTPResource("/")
    URL base;

    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);
    private final String manager = tokens.person("cm-" + UUID.randomUUID(), "CHANGE_MANAGER");

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void everyEndpointAnswersEveryRoleAndEveryBadTokenAsThePolicySays() throws Exception {
        String service = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        String requester = "req-" + UUID.randomUUID();
        String owner = UUID.randomUUID().toString();
        String implementer = UUID.randomUUID().toString();
        ChangeFixtures.person(owner, "CHANGE_OWNER", null);
        ChangeFixtures.person(implementer, "TECHNICIAN", null);
        String change = as(tokens.person(requester, "PROBLEM_MANAGER"))
                .body(Map.of("title", "Probe change", "type", "NORMAL", "serviceCode", service)).post("/api/changes")
                .then().statusCode(201).body("requesterId", equalTo(requester)).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager).body(Map.of("ownerId", owner, "implementerId", implementer))
                .post("/api/changes/{id}/assign", change).then().statusCode(200));
        String template = as(tokens.person("cpo-" + UUID.randomUUID(), "CHANGE_PROCESS_OWNER"))
                .body(Map.of("name", "Probe template", "serviceCode", service, "risk", "LOW", "implementationPlan", "x", "backoutPlan", "y"))
                .post("/api/change-templates").then().statusCode(201).extract().path("id");

        String revokedSubject = "revoked-" + UUID.randomUUID();
        String revoked = tokens.person(revokedSubject, "CHANGE_MANAGER");
        given().auth().oauth2(revoked).get("/api/changes/{id}", change).then().statusCode(200);
        ChangeFixtures.revokeAll(revokedSubject);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(revoked).get("/api/changes/{id}", change).then().statusCode(401));

        Instant start = Instant.parse("2031-06-01T00:00:00Z");
        AccessProbes.Fixture fixture = new AccessProbes.Fixture(change, new RecordScope(service, null, implementer, owner, requester));
        AccessProbes probes = new AccessProbes(base.toString(), "change-service", PolicyDocument.load(), tokens)
                .record("{id}", change, fixture)
                .record("{templateId}", template, new AccessProbes.Fixture(template, RecordScope.ofService(service)))
                .placeholder("{recordType}", "change")
                .placeholder("{recordId}", change)
                .list("GET /api/changes", fixture)
                .query("GET /api/changes", "serviceCode=" + service + "&size=200")
                .body("POST /api/changes", "{\"title\":\"Probe\",\"type\":\"NORMAL\",\"serviceCode\":\"" + service + "\"}")
                .body("POST /api/freeze-windows", "{\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1))
                        + "\",\"reason\":\"probe\",\"serviceCode\":\"" + service + "\"}")
                .body("POST /api/change-templates", "{\"name\":\"Probe\",\"serviceCode\":\"" + service
                        + "\",\"risk\":\"LOW\",\"implementationPlan\":\"x\",\"backoutPlan\":\"y\"}")
                .everyBadToken("CHANGE_MANAGER", "problem-service", Files.readString(SuiteInfra.get().publicKey()), revoked)
                .run();

        propertyLevel(probes, service);
        segregationOfDuties(probes, service, owner);
        probes.assertAllAsDocumented();
    }

    /** The requester, status, number, approvals and timestamps are the server's; owner and risk are a Change Manager's. */
    private void propertyLevel(AccessProbes probes, String service) {
        String requester = "co-" + UUID.randomUUID();
        String token = tokens.person(requester, "CHANGE_OWNER");
        as(token).body(Map.of("title", "Probe", "type", "NORMAL", "serviceCode", service, "status", "SCHEDULED",
                        "requesterId", "someone", "implementerId", "someone", "number", "CHG0000001",
                        "createdAt", "2001-01-01T00:00:00Z", "plannedStart", "2031-01-01T00:00:00Z",
                        "approvals", java.util.List.of(Map.of("approverId", "x", "decision", "APPROVED"))))
                .post("/api/changes").then().statusCode(201)
                .body("status", equalTo("NEW")).body("requesterId", equalTo(requester)).body("ownerId", equalTo(requester))
                .body("implementerId", nullValue()).body("plannedStart", nullValue()).body("approvals.size()", equalTo(0))
                .body("number", org.hamcrest.Matchers.not(equalTo("CHG0000001")));
        for (int i = 0; i < 7; i++) {
            probes.count(ProbeClass.PROPERTY_LEVEL, true);
        }
        as(token).body(Map.of("title", "x", "type", "NORMAL", "serviceCode", service, "ownerId", "someone-else"))
                .post("/api/changes").then().statusCode(403).contentType("application/problem+json").body("level", equalTo("property"));
        probes.count(ProbeClass.PROPERTY_LEVEL, true);
        as(token).body(Map.of("title", "x", "type", "NORMAL", "serviceCode", service, "risk", "LOW"))
                .post("/api/changes").then().statusCode(403).body("level", equalTo("property"));
        probes.count(ProbeClass.PROPERTY_LEVEL, true);
        as(token).body(Map.of("title", "x", "type", "STANDARD", "serviceCode", service)).post("/api/changes").then().statusCode(422);
        probes.count(ProbeClass.PROPERTY_LEVEL, true);
    }

    /** Requester, owner and implementer never decide; one approval is not a quorum; an approver never implements. */
    private void segregationOfDuties(AccessProbes probes, String service, String owner) {
        String requesterId = UUID.randomUUID().toString();
        String requester = tokens.person(requesterId, "CHANGE_OWNER");
        String change = as(requester).body(Map.of("title", "SoD", "type", "NORMAL", "serviceCode", service))
                .post("/api/changes").then().statusCode(201).extract().path("id");
        as(requester).body("{}").post("/api/changes/{id}/submit", change).then().statusCode(200);
        as(manager).body(Map.of("risk", "LOW")).post("/api/changes/{id}/assess", change).then().statusCode(200);
        // The requester-owner, even holding CAB and CHANGE_MANAGER, may not approve.
        as(tokens.person(requesterId, "CAB")).body("{}").post("/api/changes/{id}/approve", change).then().statusCode(403);
        probes.count(ProbeClass.OBJECT_LEVEL, true);
        as(tokens.person(requesterId, "CHANGE_MANAGER")).body("{}").post("/api/changes/{id}/approve", change).then().statusCode(403);
        probes.count(ProbeClass.OBJECT_LEVEL, true);
        // An ECAB member does not decide a normal change.
        as(tokens.person(UUID.randomUUID().toString(), "ECAB")).body("{}").post("/api/changes/{id}/approve", change)
                .then().statusCode(403);
        probes.count(ProbeClass.OBJECT_LEVEL, true);
        String carlId = UUID.randomUUID().toString();
        String carl = tokens.person(carlId, "CAB");
        as(carl).body("{}").post("/api/changes/{id}/approve", change).then().statusCode(200).body("status", equalTo("AUTHORIZE"));
        probes.count(ProbeClass.OBJECT_LEVEL, false);
        as(carl).body("{}").post("/api/changes/{id}/approve", change).then().statusCode(409);
        as(tokens.person(UUID.randomUUID().toString(), "CHANGE_MANAGER")).body("{}").post("/api/changes/{id}/approve", change)
                .then().statusCode(200).body("status", equalTo("SCHEDULED"));
        probes.count(ProbeClass.OBJECT_LEVEL, false);
        // Whoever approved may not be made the implementer.
        ChangeFixtures.person(carlId, "TECHNICIAN", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager).body(Map.of("implementerId", carlId))
                .post("/api/changes/{id}/assign", change).then().statusCode(403).body("type", equalTo("https://itsm.dev/problems/segregation-of-duties")));
        probes.count(ProbeClass.OBJECT_LEVEL, true);
    }
}
