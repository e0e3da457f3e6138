package dev.itsm.incident.rest;

import dev.itsm.incident.support.Directory;
import dev.itsm.incident.support.TestClock;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.itsm.incident.support.Api.PROBLEM_JSON;
import static dev.itsm.incident.support.Api.post;
import static dev.itsm.incident.support.Api.report;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** MTTA and MTTR on known data: over REST per priority, assignee and group, and as the exported gauges. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class MetricsTest {
    @Inject
    TestClock clock;

    private final String desk = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");
    private final String manager = TestTokens.forPerson("ivan-" + UUID.randomUUID(), "INCIDENT_MANAGER");
    private final String annId = "ann-" + UUID.randomUUID();
    private final String ann = TestTokens.forPerson(annId, "TECHNICIAN");
    private final String bobId = "bob-" + UUID.randomUUID();
    private final String bob = TestTokens.forPerson(bobId, "TECHNICIAN");

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void meanTimesToAcknowledgeAndResolvePerPriorityAndAssigneeOnKnownData() {
        String service = Directory.unique("svc");
        Instant t0 = clock.freeze();
        // P1 owned after 5 min, resolved after 1 h; P1 owned after 15 min, resolved after 2 h; P3 never owned.
        String first = report(desk, service, "HIGH", "HIGH");
        String second = report(desk, service, "HIGH", "HIGH");
        String third = report(desk, service, "MEDIUM", "MEDIUM");
        clock.advance(Duration.ofMinutes(5));
        post(ann, "/api/incidents/" + first + "/accept", "{}").statusCode(200);
        clock.advance(Duration.ofMinutes(10));
        post(bob, "/api/incidents/" + second + "/accept", "{}").statusCode(200);
        clock.advance(Duration.ofMinutes(45));
        post(ann, "/api/incidents/" + first + "/resolve", Map.of("resolution", "restarted")).statusCode(200);
        clock.advance(Duration.ofHours(1));
        post(bob, "/api/incidents/" + second + "/resolve", Map.of("resolution", "rolled back")).statusCode(200);

        String from = t0.minusSeconds(1).toString();
        String to = t0.plusSeconds(1).toString();
        given().auth().oauth2(manager).queryParam("from", from).queryParam("to", to).queryParam("serviceCode", service)
                .queryParam("groupBy", "priority").get("/api/incidents/metrics").then().statusCode(200)
                .body("groupBy", equalTo("priority")).body("groups.size()", equalTo(2))
                .body("groups[0].key", equalTo("P1")).body("groups[0].opened", equalTo(2)).body("groups[0].acknowledged", equalTo(2))
                .body("groups[0].mttaSeconds", equalTo(600.0f)).body("groups[0].resolved", equalTo(2))
                .body("groups[0].mttrSeconds", equalTo(5400.0f))
                .body("groups[1].key", equalTo("P3")).body("groups[1].acknowledged", equalTo(0))
                .body("groups[1].mttaSeconds", nullValue()).body("groups[1].mttrSeconds", nullValue());
        given().auth().oauth2(manager).queryParam("from", from).queryParam("to", to).queryParam("serviceCode", service)
                .queryParam("groupBy", "assignee").get("/api/incidents/metrics").then().statusCode(200)
                .body("groups.find { it.key == '" + annId + "' }.mttaSeconds", equalTo(300.0f))
                .body("groups.find { it.key == '" + annId + "' }.mttrSeconds", equalTo(3600.0f))
                .body("groups.find { it.key == '" + bobId + "' }.mttaSeconds", equalTo(900.0f))
                .body("groups.find { it.key == '" + bobId + "' }.mttrSeconds", equalTo(7200.0f))
                .body("groups.find { it.key == null }.opened", equalTo(1));
        given().auth().oauth2(manager).queryParam("from", from).queryParam("to", to).queryParam("groupBy", "service")
                .get("/api/incidents/metrics").then().statusCode(200)
                .body("groups.find { it.key == '" + service + "' }.opened", equalTo(3));
        given().auth().oauth2(manager).queryParam("from", t0.plusSeconds(1).toString()).queryParam("to", t0.plusSeconds(60).toString())
                .queryParam("serviceCode", service).get("/api/incidents/metrics").then().statusCode(200)
                .body("groups.size()", equalTo(0));

        // The gauges cover the trailing window, from the same database.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RestAssured.get("/q/metrics").then().extract().asString())
                .contains("itsm_incident_mtta_seconds{dimension=\"service\",key=\"" + service + "\"} 600.0")
                .contains("itsm_incident_mttr_seconds{dimension=\"service\",key=\"" + service + "\"} 5400.0")
                .contains("itsm_incident_window_opened{dimension=\"service\",key=\"" + service + "\"} 3.0"));
        assertThat(third).isNotNull();
    }

    @Test
    void onlyThoseWhoReportOnServiceLevelsReadThemAndBadParametersSayWhy() {
        given().auth().oauth2(desk).get("/api/incidents/metrics").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(manager).queryParam("groupBy", "colour").get("/api/incidents/metrics").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("priority, service, group, assignee"));
        given().auth().oauth2(manager).queryParam("from", "yesterday").get("/api/incidents/metrics").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("ISO-8601"));
        given().auth().oauth2(manager).queryParam("from", "2026-11-23T10:00:00Z").queryParam("to", "2026-11-23T09:00:00Z")
                .get("/api/incidents/metrics").then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.forPerson("olive", "SERVICE_OWNER")).get("/api/incidents/metrics").then().statusCode(200);
    }
}
