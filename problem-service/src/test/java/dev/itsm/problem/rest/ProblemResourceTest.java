package dev.itsm.problem.rest;

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

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "problem-service"))
class ProblemResourceTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private final String manager = TestTokens.forPerson("pat-" + UUID.randomUUID(), "PROBLEM_MANAGER");
    private final String team = TestTokens.forPerson("prt-" + UUID.randomUUID(), "PROBLEM_RESOLUTION_TEAM");

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String raise(String service) {
        return as(manager).body(Map.of("title", "Payroll export stalls nightly", "serviceCode", service))
                .post("/api/problems").then().statusCode(201).body("status", equalTo("NEW")).body("origin", equalTo("MANUAL"))
                .extract().path("id");
    }

    @Test
    void aProblemIsInvestigatedResolvedAndAnnouncedForAChange() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String id = raise(service);
        as(team).body("{}").post("/api/problems/{id}/assess", id).then().statusCode(403).contentType(PROBLEM_JSON);
        as(manager).body("{}").post("/api/problems/{id}/assess", id).then().statusCode(200).body("status", equalTo("ASSESS"));
        as(team).body("{}").post("/api/problems/{id}/analyse", id).then().statusCode(200);
        as(team).body(Map.of("symptom", "export stalls", "workaround", "re-run the export after 02:00"))
                .post("/api/problems/{id}/known-error", id).then().statusCode(200).body("status", equalTo("ROOT_CAUSE_ANALYSIS"));
        given().auth().oauth2(team).queryParam("serviceCode", service).get("/api/known-errors").then().statusCode(200)
                .body("workaround", hasItems("re-run the export after 02:00"));
        as(team).body(Map.of("rootCause", "table lock")).post("/api/problems/{id}/fix", id).then().statusCode(200);
        as(team).body(Map.of("fix", "batch it")).post("/api/problems/{id}/resolve", id).then().statusCode(403).contentType(PROBLEM_JSON);
        as(manager).body(Map.of("fix", "batch the export")).post("/api/problems/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("rootCause", equalTo("table lock"));

        var resolved = TestKafka.awaitRecords(Topics.PROBLEM_EVENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.PROBLEM_RESOLVED), 1).get(0).value();
        ContractSchemas.assertValidEvent(resolved);
        assertThat(resolved).contains("batch the export");
    }

    @Test
    void anImplementedChangeClosesTheProblemOnce() {
        String id = raise("svc-" + UUID.randomUUID().toString().substring(0, 8));
        UUID changeId = UUID.randomUUID();
        String implemented = ContractSchemas.exampleEvent(EventTypes.CHANGE_IMPLEMENTED, changeId.toString(),
                Map.of("changeId", changeId, "problemId", UUID.fromString(id), "number", "CHG0009999"));
        TestKafka.send(Topics.CHANGE_EVENTS, changeId.toString(), implemented);
        TestKafka.send(Topics.CHANGE_EVENTS, changeId.toString(), implemented);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager).get("/api/problems/{id}", id)
                .then().body("status", equalTo("CLOSED")).body("changeId", equalTo(changeId.toString()))
                .body("closeReason", equalTo("closed by implemented change CHG0009999")));
        var closed = TestKafka.awaitRecords(Topics.PROBLEM_EVENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.PROBLEM_CLOSED), 1);
        ContractSchemas.assertValidEvent(closed.get(0).value());
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        String id = raise("svc-" + UUID.randomUUID().toString().substring(0, 8));
        given().contentType(ContentType.JSON).body("{}").post("/api/problems").then().statusCode(401).contentType(PROBLEM_JSON);
        as(TestTokens.forPerson("u", "USER")).body(Map.of("title", "x", "serviceCode", "payroll"))
                .post("/api/problems").then().statusCode(403).contentType(PROBLEM_JSON);
        as(manager).body(Map.of("title", "")).post("/api/problems").then().statusCode(400).contentType(PROBLEM_JSON);
        as(manager).body(Map.of("title", "x", "serviceCode", "payroll", "incidentIds", java.util.List.of(UUID.randomUUID())))
                .post("/api/problems").then().statusCode(422).contentType(PROBLEM_JSON);
        as(manager).body(Map.of("reason", "done")).post("/api/problems/{id}/close", id).then().statusCode(409)
                .contentType(PROBLEM_JSON).body("status", equalTo(409)).body("currentStatus", equalTo("NEW"))
                .body("allowedSteps", hasItems("assess"));
        as(manager).body("{}").post("/api/problems/{id}/assess", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
        as(manager).body("{}").post("/api/problems/{id}/teleport", id).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(manager).get("/api/problems/{id}", id).then().body("status", equalTo("NEW")).body("version", equalTo(0));
    }
}
