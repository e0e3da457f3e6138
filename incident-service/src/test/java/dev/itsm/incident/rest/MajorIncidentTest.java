package dev.itsm.incident.rest;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.incident.support.Api;
import dev.itsm.incident.support.Directory;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.itsm.incident.support.Api.PROBLEM_JSON;
import static dev.itsm.incident.support.Api.post;
import static dev.itsm.incident.support.Api.report;
import static dev.itsm.incident.support.Api.timeline;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * A major incident from declaration to review: the seed roles filled from the directory copy, the Scribe's record,
 * stakeholder updates published for notification-service, and the post-incident review that closes it.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class MajorIncidentTest {
    @Inject
    Pool pool;

    private final UUID manager = UUID.randomUUID();
    private final UUID comms = UUID.randomUUID();
    private final UUID scribe = UUID.randomUUID();
    private final UUID liaison = UUID.randomUUID();
    private final UUID coordinator = UUID.randomUUID();
    private final UUID restorer = UUID.randomUUID();
    private final UUID engineer = UUID.randomUUID();
    private final String desk = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");
    private final String technician = TestTokens.forPerson("tom-" + UUID.randomUUID(), "TECHNICIAN");

    private String service() {
        String service = Directory.unique("svc");
        String restoration = service + "-restoration";
        new Directory(pool).group(restoration, "SERVICE_RESTORATION_TEAM", null, null)
                .person(manager, List.of("INCIDENT_MANAGER"), List.of(), service)
                .person(comms, List.of("IT_COMMUNICATIONS"), List.of(), service)
                .person(scribe, List.of("SCRIBE"), List.of(restoration), service)
                .person(liaison, List.of("LIAISON"), List.of(), service)
                .person(coordinator, List.of("OUTAGE_COORDINATOR"), List.of(), service)
                .person(restorer, List.of("TECHNICIAN"), List.of(restoration))
                .person(engineer, List.of("LEAD_TECHNICIAN"), List.of())
                .awaitCopied();
        return service;
    }

    private static String token(UUID person, String role) {
        return TestTokens.forPerson(person.toString(), role);
    }

    @Test
    void anIncidentManagerDeclaresTheTeamRunsItAndTheReviewClosesIt() {
        String service = service();
        String id = report(desk, service, "HIGH", "HIGH");
        String im = token(manager, "INCIDENT_MANAGER");

        post(desk, "/api/incidents/" + id + "/major", Map.of("reason", "payroll down for everyone")).statusCode(403)
                .contentType(PROBLEM_JSON);
        post(im, "/api/incidents/" + id + "/major/updates", Map.of("message", "too early")).statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("only a major incident"));
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "payroll down for every tenant")).statusCode(200)
                .body("majorIncident", equalTo(true)).body("allowedSteps", hasItems("stakeholder-update", "work-note"))
                .body("allowedSteps", not(hasItem("declare-major")));
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "again")).statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("already a major incident"));

        given().auth().oauth2(desk).get("/api/incidents/{id}/major", id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("declaredBy", equalTo(manager.toString()))
                .body("team.find { it.role == 'INCIDENT_MANAGER' }.personId", equalTo(manager.toString()))
                .body("team.find { it.role == 'IT_COMMUNICATIONS' }.personId", equalTo(comms.toString()))
                .body("team.find { it.role == 'SCRIBE' }.personId", equalTo(scribe.toString()))
                .body("team.find { it.role == 'LIAISON' }.personId", equalTo(liaison.toString()))
                .body("team.find { it.role == 'OUTAGE_COORDINATOR' }.personId", equalTo(coordinator.toString()))
                .body("team.findAll { it.role == 'SERVICE_RESTORATION_TEAM' }.personId", hasItems(scribe.toString(), restorer.toString()))
                .body("unfilledRoles", equalTo(List.of()));
        EventEnvelope declared = Api.events(id, EventTypes.MAJOR_INCIDENT_DECLARED, 1).get(0);
        assertThat(declared.data().path("roles").toString()).contains(comms.toString(), scribe.toString());

        // The Scribe keeps the record; IT Communications tells the stakeholders.
        post(token(scribe, "SCRIBE"), "/api/incidents/" + id + "/work-note", Map.of("text", "08:10 export job holds a table lock"))
                .statusCode(200);
        post(token(comms, "IT_COMMUNICATIONS"), "/api/incidents/" + id + "/major/updates",
                Map.of("message", "Payroll exports are stalled; next update 09:15")).statusCode(200);
        post(token(scribe, "SCRIBE"), "/api/incidents/" + id + "/major/updates", Map.of("message", "not mine")).statusCode(403);
        given().auth().oauth2(desk).get("/api/incidents/{id}/major/updates", id).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].authorId", equalTo(comms.toString()));
        EventEnvelope update = Api.events(id, EventTypes.STAKEHOLDER_UPDATED, 1).get(0);
        assertThat(update.data().path("message").asText()).contains("next update 09:15");

        String review = "/api/incidents/" + id + "/major/review";
        Map<String, Object> body = Map.of("summary", "A table lock held by the export job stalled every run for 48 minutes.",
                "contributingFactors", List.of("the export job locks the whole table", "no alert on export duration"),
                "actions", List.of(Map.of("description", "batch the export in 1k-row chunks", "ownerId", engineer.toString(),
                        "dueDate", "2026-12-01")));
        post(im, review, body).statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("NEW"));
        post(technician, "/api/incidents/" + id + "/resolve", Map.of("resolution", "killed the export, batched it")).statusCode(200);
        post(desk, review, body).statusCode(403).contentType(PROBLEM_JSON);
        post(im, review, Map.of("summary", "x", "contributingFactors", List.of())).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("contributingFactors"));
        post(im, review, Map.of("summary", "x", "contributingFactors", List.of("y"),
                "actions", List.of(Map.of("description", "z", "ownerId", "nobody-" + UUID.randomUUID())))).statusCode(422)
                .contentType(PROBLEM_JSON).body("detail", containsString("to own an action"));
        post(token(coordinator, "OUTAGE_COORDINATOR"), review, body).statusCode(200).body("status", equalTo("CLOSED"));

        given().auth().oauth2(desk).get("/api/incidents/{id}/major", id).then().statusCode(200)
                .body("status", equalTo("REVIEWED")).body("review.reviewedBy", equalTo(coordinator.toString()))
                .body("review.contributingFactors", hasItems("no alert on export duration"))
                .body("review.actions[0].ownerId", equalTo(engineer.toString()))
                .body("review.actions[0].dueDate", equalTo("2026-12-01"));
        EventEnvelope reviewed = Api.events(id, EventTypes.MAJOR_INCIDENT_REVIEWED, 1).get(0);
        assertThat(reviewed.data().path("actions").get(0).path("ownerId").asText()).isEqualTo(engineer.toString());
        timeline(desk, id).body("items.kind", hasItems("MAJOR_INCIDENT", "WORK_NOTE", "STAKEHOLDER_UPDATE", "REVIEW"))
                .body("items.findAll { it.kind == 'WORK_NOTE' }[0].actorId", equalTo(scribe.toString()));
        post(token(comms, "IT_COMMUNICATIONS"), "/api/incidents/" + id + "/major/updates", Map.of("message", "closed"))
                .statusCode(409).contentType(PROBLEM_JSON);
    }

    @Test
    void aDeclarationMayNameTheTeamButOnlyPeopleWhoHoldTheRoles() {
        String service = service();
        String id = report(desk, service, "HIGH", "MEDIUM");
        String im = token(manager, "INCIDENT_MANAGER");
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "r", "roles", Map.of("SCRIBE", comms.toString())))
                .statusCode(422).contentType(PROBLEM_JSON).body("detail", containsString("does not hold the role SCRIBE"));
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "r", "roles", Map.of("CHEF", comms.toString())))
                .statusCode(422).contentType(PROBLEM_JSON).body("detail", containsString("CHEF"));
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "r", "restorationTeam", List.of("ghost-" + UUID.randomUUID())))
                .statusCode(422).contentType(PROBLEM_JSON);
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "vendor outage",
                "roles", Map.of("LIAISON", comms.toString()), "restorationTeam", List.of(engineer.toString()))).statusCode(422);
        post(im, "/api/incidents/" + id + "/major", Map.of("reason", "vendor outage",
                "restorationTeam", List.of(engineer.toString()))).statusCode(200);
        given().auth().oauth2(desk).get("/api/incidents/{id}/major", id).then()
                .body("team.findAll { it.role == 'SERVICE_RESTORATION_TEAM' }.personId", equalTo(List.of(engineer.toString())));
    }
}
