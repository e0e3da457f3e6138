package dev.itsm.incident.rest;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.ScopedRole;
import dev.itsm.kit.testing.ProbeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class IncidentResourceTest {
    private static final String PROBLEM_JSON = "application/problem+json";

    private final String reporter = TestTokens.forPerson("uma-" + UUID.randomUUID(), "USER");
    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);
    /** A technician of the Service Desk group, where reported incidents land. */
    private final String technician = tokens.person("tom-" + UUID.randomUUID(), List.of(ScopedRole.global("TECHNICIAN"),
            new ScopedRole("SERVICE_DESK", null, "service-desk")));
    private final String desk = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");

    private static String service() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String report(String token, String service, String title, String impact, String urgency) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "seen by the reporter", "serviceCode", service,
                        "impact", impact, "urgency", urgency))
                .post("/api/incidents")
                .then().statusCode(201)
                .header("Location", containsString("/api/incidents/"))
                .extract().path("id");
    }

    @Test
    void aReportedIncidentIsPrioritisedReadListedAndWalkedToClosed() {
        String service = service();
        String id = report(reporter, service, "Payslips fail to render", "HIGH", "MEDIUM");

        given().auth().oauth2(reporter).get("/api/incidents/{id}", id).then().statusCode(200)
                .body("priority", equalTo("P2"))
                .body("status", equalTo("NEW"))
                .body("number", notNullValue())
                .body("origin", equalTo("MANUAL"))
                .body("assignmentGroup", equalTo("service-desk"))
                .body("allowedSteps", hasItems("accept", "resolve"));

        given().auth().oauth2(technician).contentType(ContentType.JSON).body("{}")
                .post("/api/incidents/{id}/accept", id).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(Map.of("resolution", "restarted the renderer"))
                .post("/api/incidents/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
        given().auth().oauth2(desk).contentType(ContentType.JSON).body("{}")
                .post("/api/incidents/{id}/close", id).then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closedAt", notNullValue());

        var published = TestKafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> id.equals(r.key()), 4);
        assertThat(published).extracting(r -> r.value()).allSatisfy(ContractSchemas::assertValidEvent);
        assertThat(published.get(0).value()).contains(EventTypes.INCIDENT_OPENED);
        assertThat(published.get(3).value()).contains("\"to\":\"CLOSED\"");
    }

    @Test
    void listsFilterAndPage() {
        String service = service();
        for (int i = 0; i < 3; i++) {
            report(reporter, service, "Slow login " + i, "LOW", "LOW");
        }
        report(reporter, service, "Login down", "HIGH", "HIGH");

        given().auth().oauth2(reporter).queryParam("serviceCode", service).queryParam("size", 2)
                .get("/api/incidents").then().statusCode(200)
                .body("total", equalTo(4)).body("items.size()", equalTo(2)).body("page", equalTo(0));
        given().auth().oauth2(reporter).queryParam("serviceCode", service).queryParam("priority", "P1")
                .get("/api/incidents").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].title", equalTo("Login down"));
        given().auth().oauth2(reporter).queryParam("size", 500).get("/api/incidents")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        String service = service();
        given().contentType(ContentType.JSON).body("{}").post("/api/incidents")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(reporter).contentType(ContentType.JSON)
                .body(Map.of("title", "", "serviceCode", service, "impact", "HIGH"))
                .post("/api/incidents").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("status", equalTo(400));
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body("{not json")
                .post("/api/incidents").then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(reporter).queryParam("serviceCode", service).get("/api/incidents")
                .then().body("total", equalTo(0));

        given().auth().oauth2(reporter).get("/api/incidents/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM_JSON);

        String id = report(reporter, service, "Printer on fire", "MEDIUM", "HIGH");
        given().auth().oauth2(desk).contentType(ContentType.JSON).body("{}")
                .post("/api/incidents/{id}/close", id).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("status", equalTo(409))
                .body("currentStatus", equalTo("NEW"))
                .body("allowedSteps", hasItems("accept", "resolve"));
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body(Map.of("resolution", "x"))
                .post("/api/incidents/{id}/resolve", id).then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(technician).contentType(ContentType.JSON).body("{}")
                .post("/api/incidents/{id}/resolve", id).then().statusCode(422).contentType(PROBLEM_JSON);
        given().auth().oauth2(technician).contentType(ContentType.JSON).body("{}")
                .post("/api/incidents/{id}/teleport", id).then().statusCode(404).contentType(PROBLEM_JSON);

        given().auth().oauth2(reporter).get("/api/incidents/{id}", id).then()
                .body("status", equalTo("NEW")).body("version", equalTo(0));
    }

    @Test
    void handingBackReturnsTheIncidentToTheServiceDesk() {
        String id = report(reporter, service(), "VPN drops", "MEDIUM", "MEDIUM");
        given().auth().oauth2(technician).contentType(ContentType.JSON).body("{}")
                .post("/api/incidents/{id}/accept", id).then().statusCode(200);
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(Map.of("reason", "not infrastructure"))
                .post("/api/incidents/{id}/hand-back", id).then().statusCode(200)
                .body("status", equalTo("NEW"))
                .body("assigneeId", equalTo(null))
                .body("assignmentGroup", equalTo("service-desk"));
    }
}
