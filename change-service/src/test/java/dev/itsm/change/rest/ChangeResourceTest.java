package dev.itsm.change.rest;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "change-service"))
class ChangeResourceTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private final String ownerId = "olive-" + UUID.randomUUID();
    private final String owner = TestTokens.forPerson(ownerId, "CHANGE_OWNER", "CAB");
    private final String manager = TestTokens.forPerson("chris-" + UUID.randomUUID(), "CHANGE_MANAGER");
    private final String cab = TestTokens.forPerson("carl-" + UUID.randomUUID(), "CAB");
    private final String implementer = TestTokens.forPerson("ian-" + UUID.randomUUID(), "IMPLEMENTATION_MANAGER");

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String raise(String service) {
        return as(owner).body(Map.of("title", "Upgrade payroll export", "type", "NORMAL", "serviceCode", service,
                        "backoutPlan", "redeploy 2.4.0"))
                .post("/api/changes").then().statusCode(201).body("ownerId", equalTo(ownerId)).extract().path("id");
    }

    private void authorise(String id) {
        as(owner).body("{}").post("/api/changes/{id}/submit", id).then().statusCode(200).body("status", equalTo("ASSESS"));
        as(manager).body(Map.of("risk", "LOW")).post("/api/changes/{id}/assess", id).then().statusCode(200)
                .body("status", equalTo("AUTHORIZE"));
        as(owner).body(Map.of("comment", "mine")).post("/api/changes/{id}/approve", id).then().statusCode(403)
                .contentType(PROBLEM_JSON);
        as(cab).body(Map.of("comment", "ok")).post("/api/changes/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("approvals[0].decision", equalTo("APPROVED"));
    }

    @Test
    void aNormalChangeRunsFromSubmissionToReview() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String id = raise(service);
        authorise(id);
        as(implementer).body("{}").post("/api/changes/{id}/implement", id).then().statusCode(409).contentType(PROBLEM_JSON);
        as(manager).body(Map.of("plannedStart", "2030-01-08T22:00:00Z", "plannedEnd", "2030-01-08T23:00:00Z"))
                .post("/api/changes/{id}/schedule", id).then().statusCode(200);
        as(implementer).body("{}").post("/api/changes/{id}/implement", id).then().statusCode(200).body("status", equalTo("IMPLEMENT"));
        as(implementer).body(Map.of("result", "deployed 2.4.1")).post("/api/changes/{id}/complete", id).then().statusCode(200)
                .body("status", equalTo("REVIEW"));
        as(manager).body(Map.of("outcome", "GREAT")).post("/api/changes/{id}/close", id).then().statusCode(422);
        as(manager).body(Map.of("outcome", "SUCCESSFUL", "notes", "no incidents since"))
                .post("/api/changes/{id}/close", id).then().statusCode(200).body("status", equalTo("CLOSED"));

        var events = TestKafka.awaitRecords(Topics.CHANGE_EVENTS, r -> id.equals(r.key())
                && (r.value().contains(EventTypes.CHANGE_IMPLEMENTED) || r.value().contains(EventTypes.CHANGE_CLOSED)), 2);
        events.forEach(r -> ContractSchemas.assertValidEvent(r.value()));
        assertThat(events.get(0).value()).contains(EventTypes.CHANGE_IMPLEMENTED);
    }

    @Test
    void overlappingWindowsAndFreezesAreRefused() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String first = raise(service);
        authorise(first);
        as(manager).body(Map.of("plannedStart", "2030-02-01T22:00:00Z", "plannedEnd", "2030-02-01T23:00:00Z"))
                .post("/api/changes/{id}/schedule", first).then().statusCode(200);
        String second = raise(service);
        authorise(second);
        as(manager).body(Map.of("plannedStart", "2030-02-01T22:30:00Z", "plannedEnd", "2030-02-01T23:30:00Z"))
                .post("/api/changes/{id}/schedule", second).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("conflictingChanges.size()", equalTo(1));

        as(cab).body(Map.of("startsAt", "2030-03-01T00:00:00Z", "endsAt", "2030-03-02T00:00:00Z", "reason", "x"))
                .post("/api/freeze-windows").then().statusCode(403);
        as(manager).body(Map.of("startsAt", "2030-03-01T00:00:00Z", "endsAt", "2030-03-02T00:00:00Z",
                "reason", "quarter close " + service, "serviceCode", service)).post("/api/freeze-windows").then().statusCode(201);
        as(manager).body(Map.of("plannedStart", "2030-03-01T10:00:00Z", "plannedEnd", "2030-03-01T11:00:00Z"))
                .post("/api/changes/{id}/schedule", second).then().statusCode(409)
                .body("freezeWindows", hasItems("quarter close " + service));
        as(manager).body(Map.of("plannedStart", "2030-03-05T10:00:00Z", "plannedEnd", "2030-03-05T11:00:00Z"))
                .post("/api/changes/{id}/schedule", second).then().statusCode(200);
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        String id = raise("svc-" + UUID.randomUUID().toString().substring(0, 8));
        given().contentType(ContentType.JSON).body("{}").post("/api/changes").then().statusCode(401).contentType(PROBLEM_JSON);
        as(TestTokens.forPerson("u", "USER")).body(Map.of("title", "x", "type", "NORMAL", "serviceCode", "payroll"))
                .post("/api/changes").then().statusCode(403).contentType(PROBLEM_JSON);
        as(owner).body(Map.of("title", "x", "type", "SIDEWAYS", "serviceCode", "payroll")).post("/api/changes").then()
                .statusCode(400).contentType(PROBLEM_JSON);
        as(cab).body("{}").post("/api/changes/{id}/approve", id).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("allowedSteps", hasItems("submit"));
        as(manager).body("{}").post("/api/changes/{id}/submit", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
        as(manager).body("{}").post("/api/changes/{id}/launch", id).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(manager).get("/api/changes/{id}", id).then().body("status", equalTo("NEW")).body("version", equalTo(0));
    }
}
